import Foundation
import Kafka
import Testing

/// Bad input never reaches the topic, and the operator hears about every problem at once.
@Suite(.timeLimit(.minutes(5)))
struct PublishRejectionTests {
    static let validReport = [
        "--officer", "gs-thcs-binh-son", "--unit", "thcs-binh-son", "--platform", "tiktok",
        "--url", "https://www.tiktok.com/@user/video/1", "--category", "school_violence",
        "--severity", "high", "--subject", "student", "--summary", "A fight is being filmed",
    ]

    /// `flag` replaced by `value` in the valid report.
    static func report(setting flag: String, to value: String) -> [String] {
        var arguments = validReport
        if let index = arguments.firstIndex(of: flag) { arguments[index + 1] = value }
        return arguments
    }

    @Test func everyProblemIsPrintedAndNothingIsSent() async throws {
        let kafka = try PublishBroker(partitions: 1)
        var arguments = Self.report(setting: "--category", to: "school_fight")
        arguments = arguments.map { $0 == "https://www.tiktok.com/@user/video/1" ? "tiktok.com/video 1" : $0 }
        arguments = arguments.map { $0 == "thcs-binh-son" ? "thcs-nowhere" : $0 }
        arguments = arguments.map { $0 == "A fight is being filmed" ? "   " : $0 }
        let run = try await PublishHarness.run(["publish", "report"] + kafka.flags + arguments)
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        for expected in [
            #"data.category: "school_fight" is not one of"#, "data.urls[0]: ",
            #"unit_id: "thcs-nowhere" is not a unit"#,
            "data.summary: must not be empty",
        ] {
            #expect(run.stderr.contains(expected), "missing \(expected) in:\n\(run.stderr)")
        }
        #expect(run.stderr.contains("4 problems"))
        try await Self.expectNothingBefore(sentinelIn: kafka)
    }

    @Test(
        arguments: [
            ("--category", "school_fight", "data.category: \"school_fight\" is not one of"),
            ("--url", "ftp://example.com/video", "data.urls[0]: "),
            ("--unit", "thcs-nowhere", "unit_id: \"thcs-nowhere\" is not a unit in the directory"),
            ("--summary", "", "data.summary: must not be empty"),
            ("--severity", "HIGH", "data.severity: \"HIGH\" is not one of"),
            ("--officer", "gs-nobody", "source.id: \"gs-nobody\" is not an officer in the directory"),
        ]
    )
    func oneBadFlagIsNamedAndNothingIsSent(flag: String, value: String, expected: String) async throws {
        let kafka = try PublishBroker(partitions: 1)
        let run = try await PublishHarness.run(
            ["publish", "report"] + kafka.flags + Self.report(setting: flag, to: value) + ["--json"]
        )
        #expect(run.status == 65)
        #expect(run.stderr.contains(expected), "stderr:\n\(run.stderr)")
        #expect(run.stderr.contains("[\(flag)") || flag == "--officer")
        // --json also answers on stdout, for tools.
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(object?["status"] as? String == "rejected")
        try await Self.expectNothingBefore(sentinelIn: kafka)
    }

    @Test func oneBadLineInAFileStopsTheWholeFile() async throws {
        let kafka = try PublishBroker(partitions: 1)
        let good =
            #"{"schema_version":1,"event_id":"\#(UUID().uuidString)","type":"incident.resolved","incident_id":"\#(UUID().uuidString)","#
            + #""occurred_at":"2026-01-05T08:00:00Z","source":{"kind":"officer","id":"ht-thcs-binh-son"},"unit_id":"thcs-binh-son","data":{}}"#
        let bad = good.replacingOccurrences(of: #""data":{}"#, with: #""data":{"nte":"typo"}"#)
        let run = try await PublishHarness.run(
            ["publish", "report", "--file", "-"] + kafka.flags,
            stdin: good + "\n" + bad
        )
        #expect(run.status == 65)
        #expect(
            run.stderr.contains("line 2: data.nte: is not a field of envelope v1 (did you mean note?)"),
            "\(run.stderr)"
        )
        try await Self.expectNothingBefore(sentinelIn: kafka)
    }

    @Test func unreachableBrokerFailsWithTheTimeoutErrorAndStatus69() async throws {
        let run = try await PublishHarness.run(
            [
                "publish", "report", "--brokers", "127.0.0.1:9", "--timeout", "2", "--config-dir",
                PublishHarness.configDirectory,
            ]
                + Self.validReport
        )
        #expect(run.status == 69)
        #expect(run.stderr.contains("did not store the event within 2 s"), "\(run.stderr)")
    }

    /// Sends a valid report and checks it is the first message of the one-partition topic.
    private static func expectNothingBefore(sentinelIn kafka: PublishBroker) async throws {
        let run = try await PublishHarness.run(["publish", "report"] + kafka.flags + validReport)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let messages = try await PublishHarness.consume(1, from: kafka.topic, brokers: kafka.brokers)
        #expect(messages.first?.offset == 0)
        #expect(run.stdout.contains("offset=0"))
    }
}
