import Foundation
import Kafka
import Testing
import WatchpostTestSupport
import WatchpostCore

/// The broker part of the chaos suite: errors injected into produce, fetch, offset-commit and
/// join-group requests while two worker processes consume, then the broker taken down while
/// events are still to come. `watchpost publish` must report the outage instead of hanging or
/// claiming success; nothing may be lost or doubled, and the workers resume by themselves.
@Suite(.serialized)
struct ChaosBrokerTests {
    @Test(
        "injected produce, fetch, commit and join errors, then the broker silent: publish fails clearly, nothing lost or doubled, workers resume",
        .timeLimit(.minutes(20))
    )
    func brokerFaultsLoseNothingAndPublishSaysSo() async throws {
        let settings = ChaosSettings.current
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("watchpost-chaos-broker-\(UUID())")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 8)
            let (directory, policy) = try PipelineScenario.shippedConfiguration()
            let scenario = PipelineScenario(
                count: settings.databaseEvents,
                seed: 14_016,
                directory: directory,
                policy: policy
            )
            let expected = scenario.expectation()
            let parts = scenario.messages(splitInto: 2)
            // Errors the clients must retry through, injected before anything connects.
            broker.broker.injectRequestErrors(api: .joinGroup, errorCodes: [15, 27])
            broker.broker.injectRequestErrors(api: .fetch, errorCodes: [7, 6, 7])
            broker.broker.injectRequestErrors(api: .offsetCommit, errorCodes: [27, 7])
            broker.broker.injectRequestErrors(api: .produce, errorCodes: [7, 6])
            let workers = try ChaosWorkers.start(2, broker: broker, database: database, logs: logs, batchSize: 100)
            let producer = try broker.producer()
            try await PipelineBroker.send(parts[0], with: producer)
            try await waitUntil("the workers store the first part", timeout: .seconds(300), every: .milliseconds(250)) {
                try await database.count("SELECT count(*) FROM events") > 0
            }

            // The broker stops answering while the second part is being sent; a publisher is
            // told so, within its timeout.
            let down = ContinuousClock.now
            try broker.broker.stopAnswering(1)
            let sending = Task {
                try await PipelineBroker.send(parts[1], with: producer)
            }
            let kafka = ChaosPublishTarget(broker: broker)
            let publish = try await PublishHarness.run(
                ["publish", "report"] + kafka.flags + [
                    "--timeout", "3", "--officer", "gs-thcs-binh-son", "--unit", "thcs-binh-son",
                    "--platform", "tiktok", "--url", "https://www.tiktok.com/@a/video/7300000000000000999",
                    "--category", "school_violence", "--severity", "high", "--subject", "student",
                    "--summary", "Bài đăng trong lúc máy chủ Kafka ngừng",
                ]
            )
            #expect(publish.status != 0, "publish must fail while the broker does not answer")
            #expect(publish.stderr.contains("broker"), "the failure names the broker: \(publish.stderr)")
            try await settings.holdOutage(since: down)
            try broker.broker.resumeAnswering(1)
            let outage = ChaosSettings.seconds(since: down)

            try await sending.value
            await producer.close()
            try await ChaosCrashTests.waitStored(database, expected)
            #expect(try await database.count("SELECT count(*) FROM events") == Int64(expected.events))
            #expect(try await database.count("SELECT count(*) FROM incidents") == Int64(expected.incidents))
            #expect(try await database.count("SELECT count(*) FROM alerts") == Int64(expected.alerts))
            #expect(try await database.count("SELECT count(*) FROM obligations") == Int64(expected.obligations))
            for worker in workers {
                #expect(worker.exitStatus == nil, "the worker kept running:\n\(worker.logTail())")
                #expect(try await worker.terminate() == 0, "\(worker.logTail())")
            }
            ChaosSettings.record(
                "broker: produce, fetch, commit and join errors injected, then the broker silent for \(outage) s "
                    + "while events were being sent; publish exited "
                    + "\(publish.status) naming the broker; \(expected.events) events stored once each; workers resumed"
            )
        }
        try? FileManager.default.removeItem(at: logs)
    }

    @Test(
        "the API answers 503 broker_unavailable while the broker does not answer, and takes the same event once it answers"
    )
    func apiRefusesWhileTheBrokerIsDownThenTakesTheSameEvent() async throws {
        try await APITestHarness.with(configure: { $0.produceTimeout = .seconds(3) }) { api in
            let token = try await api.token(officer: "gs-thcs-binh-son", scopes: [.report])
            let report: [String: Any] = [
                "schema_version": 1,
                "event_id": UUID().canonicalString,
                "type": "incident.reported",
                "incident_id": UUID().canonicalString,
                "occurred_at": RFC3339.format(Date()),
                "source": ["kind": "officer", "id": "gs-thcs-binh-son"],
                "unit_id": "thcs-binh-son",
                "data": [
                    "platform": "tiktok",
                    "urls": ["https://www.tiktok.com/@a/video/7300000000000000998"],
                    "category": "school_violence",
                    "severity": "high",
                    "subjects": ["student"],
                    "summary": "Bài đăng gửi trong lúc máy chủ Kafka ngừng",
                ],
            ]
            try api.broker.broker.stopAnswering(1)
            let down = try await api.request(.post, "/v1/events", token: token, json: report)
            try api.broker.broker.resumeAnswering(1)
            #expect(down.status.code == 503)
            #expect(down.errorCode == "broker_unavailable")
            let again = try await api.request(.post, "/v1/events", token: token, json: report)
            #expect(again.status.code == 202)
            let produced = try await api.producedEvents()
            #expect(produced.map(\.eventID.canonicalString) == [report["event_id"] as? String])
        }
    }
}

/// `watchpost publish` flags for a test's embedded broker and the shipped configuration.
struct ChaosPublishTarget {
    let broker: PipelineBroker

    var flags: [String] {
        [
            "--brokers", broker.bootstrap, "--topic", PipelineBroker.eventsTopic,
            "--config-dir", PublishHarness.configDirectory,
        ]
    }
}
