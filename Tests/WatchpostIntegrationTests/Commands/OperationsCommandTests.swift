import Foundation
import Kafka
import Testing
import WatchpostTestSupport

/// The commands the image and the compose file run: `topics ensure` (the init service) and
/// `probe` (the HEALTHCHECK).
@Suite(.timeLimit(.minutes(3)))
struct OperationsCommandTests {
    @Test func topicsEnsureLeavesExistingTopicsAsTheyAreAndSaysWhenThereAreFewerPartitionsThanAsked() async throws {
        let broker = try EmbeddedBroker(logger: publishQuietLogger)
        try broker.createTopic("watchpost.events", partitions: 8)
        try broker.createTopic("watchpost.events.dlq", partitions: 1)
        let run = try await PublishHarness.run([
            "topics", "ensure", "--brokers", broker.bootstrapBrokers, "--partitions", "12",
        ])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(
            lines.first?.hasPrefix("watchpost.events: exists with 8 partition(s) (fewer than the 12 asked for") == true
        )
        #expect(lines.last == "watchpost.events.dlq: exists with 1 partition(s)")
    }

    @Test func topicsEnsureFailsNamingTheTopicItCouldNotCreate() async throws {
        // The embedded broker does not implement CreateTopics, so creating one must fail, and say so.
        let broker = try EmbeddedBroker(logger: publishQuietLogger)
        try broker.createTopic("watchpost.events", partitions: 12)
        let run = try await PublishHarness.run(
            [
                "topics", "ensure", "--brokers", broker.bootstrapBrokers, "--dead-letter-topic", "dlq-missing",
                "--wait-seconds", "2",
            ]
        )
        #expect(run.status == 1)
        #expect(run.stdout.contains("watchpost.events: exists with 12 partition(s)"))
        #expect(run.stderr.contains("cannot create the topic dlq-missing"), "stderr: \(run.stderr)")
        #expect(!run.stderr.contains("Usage:"))
    }

    @Test func probeSucceedsOnlyWhenTheHealthURLAnswers200() async throws {
        let healthy = try TestHTTPServer { _, _ in .status(200, body: "ok") }
        defer { healthy.stop() }
        let failing = try TestHTTPServer { _, _ in .status(503, body: "database unreachable") }
        defer { failing.stop() }

        let up = try await PublishHarness.run(
            ["probe"],
            environment: ["WATCHPOST_HEALTH_URL": "http://127.0.0.1:\(healthy.port)/healthz"]
        )
        #expect(up.status == 0, "stdout: \(up.stdout)")
        let down = try await PublishHarness.run(["probe", "--url", "http://127.0.0.1:\(failing.port)/healthz"])
        #expect(down.status == 1)
        #expect(down.stdout.contains("HTTP 503"))
        healthy.stop()
        let gone = try await PublishHarness.run(["probe", "--url", "http://127.0.0.1:\(healthy.port)/healthz"])
        #expect(gone.status == 1)
        #expect(gone.stdout.contains("no answer"))
    }

    @Test(arguments: ["WATCHPOST_OVERDUE_ALARM_SECONDS", "WATCHPOST_DEADLINE_AUDIT_GRACE_SECONDS"])
    func workerRefusesASecondsSettingThatIsNotANumberNamingTheVariable(variable: String) async throws {
        let run = try await PublishHarness.run(
            ["worker", "--brokers", "127.0.0.1:1", "--database-url", "postgresql://127.0.0.1:1/none"],
            environment: [variable: "a minute"]
        )
        #expect(run.status == 64, "stderr: \(run.stderr)")
        #expect(
            run.stderr.contains("\(variable) must be a whole number of seconds, not `a minute`"),
            "stderr: \(run.stderr)"
        )
    }

    @Test func workerTakesTheDeadlineAuditGraceFromTheEnvironmentAndChecksIt() async throws {
        let run = try await PublishHarness.run(
            ["worker", "--brokers", "127.0.0.1:1", "--database-url", "postgresql://127.0.0.1:1/none"],
            environment: ["WATCHPOST_DEADLINE_AUDIT_GRACE_SECONDS": "-5"]
        )
        #expect(run.status == 64, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("--deadline-audit-grace-seconds must not be negative"), "stderr: \(run.stderr)")
    }
}
