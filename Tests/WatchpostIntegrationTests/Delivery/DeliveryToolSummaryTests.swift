import Foundation
import Kafka
import Testing
import WatchpostCore
import WatchpostOperations
import WatchpostPipeline
import WatchpostTestSupport

/// The worker's alerts follow routing.yaml's `trusted_tools`: an unsigned report from a tool the
/// policy does not name goes out without its summary, and a trusted tool's summary goes out with
/// its links hidden (issue 26, item 5).
@Suite(.serialized, .timeLimit(.minutes(6)))
struct DeliveryToolSummaryTests {
    /// A copy of the shipped configuration whose policy trusts `fb-crawler`.
    static func configTrustingFBCrawler() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("watchpost-trusted-tools-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.copyItem(at: PipelinePaths.config, to: folder)
        let policy = folder.appendingPathComponent("routing.yaml")
        let text = try String(contentsOf: policy, encoding: .utf8) + "\ntrusted_tools: [fb-crawler]\n"
        try text.write(to: policy, atomically: true, encoding: .utf8)
        return folder
    }

    static func report(by tool: String, unit: UnitID, summary: String) -> Event {
        var event = Event.toolReport(
            eventID: UUID(),
            incidentID: UUID(),
            occurredAt: Date().addingTimeInterval(-60),
            unit: unit,
            url: "https://www.facebook.com/trusted-tools/\(UUID().uuidString.lowercased())",
            summary: summary
        )
        event.source = EventSource(kind: .tool, id: tool)
        return event
    }

    @Test func theWorkersAlertsQuoteOnlyATrustedToolsSummaryWithItsLinksHidden() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 1)
            let config = try Self.configTrustingFBCrawler()
            defer { try? FileManager.default.removeItem(at: config) }
            let receiver = try TestHTTPServer { _, _ in .status(200) }
            defer { receiver.stop() }
            let (directory, _) = try PipelineScenario.shippedConfiguration()
            let school = try #require(directory.schools.first)
            let untrusted = Self.report(
                by: "kcat",
                unit: school.id,
                summary: "Phụ huynh cần xác minh tài khoản tại https://evil.example.com/login"
            )
            let trusted = Self.report(by: "fb-crawler", unit: school.id, summary: "Bài đăng cũ, xem thêm bit.ly/abc123")
            let worker = try await buildWorker(
                settings: PipelineInProcessWorker.settings(broker: broker, database: database, configDirectory: config),
                handlesSignals: false,
                environment: ["WATCHPOST_DEV_DELIVERY": "webhook:\(receiver.url)"],
                endpoint: OperationsServer.init,
                logger: PipelineInProcessWorker.logger
            )
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await worker.run() }
                defer { group.cancelAll() }
                let producer = try broker.producer()
                try await PipelineBroker.send(
                    [untrusted, trusted].map { event in
                        KafkaProducerMessage(
                            topic: PipelineBroker.eventsTopic,
                            key: Array(event.incidentID.canonicalString.utf8),
                            value: EventEncoder().encode(event)
                        )
                    },
                    with: producer
                )
                await producer.close()

                func summaries(of incident: UUID) -> [String] {
                    receiver.requests.compactMap { request in
                        guard let document = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any],
                            let about = document["incident"] as? [String: Any],
                            about["id"] as? String == incident.canonicalString
                        else { return nil }
                        return about["summary"] as? String
                    }
                }
                try await waitUntil("both reports' alerts reach the webhook", timeout: .seconds(90)) {
                    !summaries(of: untrusted.incidentID).isEmpty && !summaries(of: trusted.incidentID).isEmpty
                }
                for summary in summaries(of: untrusted.incidentID) {
                    #expect(
                        !summary.contains("xác minh tài khoản") && !summary.contains("evil.example.com"),
                        "\(summary)"
                    )
                    #expect(summary.contains("công cụ theo dõi") || summary.contains("monitoring tool"), "\(summary)")
                }
                for summary in summaries(of: trusted.incidentID) {
                    #expect(
                        summary == "Bài đăng cũ, xem thêm [liên kết đã ẩn]"
                            || summary == "Bài đăng cũ, xem thêm [link hidden]",
                        "\(summary)"
                    )
                }
                await worker.serviceGroup.triggerGracefulShutdown()
                try await group.next()
            }
        }
    }
}
