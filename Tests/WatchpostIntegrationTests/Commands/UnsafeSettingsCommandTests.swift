import Foundation
import Kafka
import Testing
import WatchpostCore
import WatchpostTestSupport

/// Settings an operator copied without filling in are refused before a process serves; the
/// keys a process holds are logged by id and fingerprint, never by secret; its database
/// connections say which command they belong to (issue 25).
@Suite("Unsafe settings, held keys and connection names")
struct UnsafeSettingsCommandTests {
    /// A placeholder as the example file and the docs wrote it before issue 25.
    static let placeholder = "CHANGE-ME-at-least-32-random-bytes-xxxxxxxxxx"

    /// The commands that serve or sign, with arguments that would otherwise get them past
    /// parsing (nothing listens on port 9, so a command that started anyway would fail later,
    /// with another message).
    static let commands: [[String]] = [
        ["worker", "--brokers", "127.0.0.1:9", "--database-url", "postgresql://watchpost@127.0.0.1:9/watchpost"],
        ["api", "--brokers", "127.0.0.1:9", "--database-url", "postgresql://watchpost@127.0.0.1:9/watchpost"],
        [
            "publish", "report", "--brokers", "127.0.0.1:9", "--officer", "gs-thcs-binh-son", "--unit", "thcs-binh-son",
            "--platform", "tiktok", "--category", "school_violence", "--severity", "high", "--url",
            "https://www.tiktok.com/@x/video/1",
        ],
    ]

    /// Each setting that can carry a copied placeholder, with its value.
    static let settings: [(name: String, value: String)] = [
        ("WATCHPOST_LINK_SECRET", placeholder),
        ("WATCHPOST_EVENT_KEYS", "2026-12:\(placeholder)"),
        ("WATCHPOST_DATABASE_URL", "postgresql://watchpost:\(placeholder)@postgres:5432/watchpost"),
        ("POSTGRES_PASSWORD", "CHANGE-ME-letters-and-digits-only"),
        ("WATCHPOST_WEBHOOK_SECRET", "change-me"),
        ("SMS_API_KEY", placeholder),
        ("WATCHPOST_KAFKA_PROPERTY_sasl.password", placeholder),
    ]

    @Test(
        "worker, api and publish refuse a setting that still holds CHANGE-ME, name it, never print it, and exit before connecting",
        .timeLimit(.minutes(5)),
        arguments: commands
    )
    func placeholdersAreRefusedAtStartUp(command: [String]) async throws {
        for setting in Self.settings {
            var environment = TestEventKeys.childEnvironment
            environment["WATCHPOST_LINK_SECRET"] = "a-real-link-secret-0123456789-abcdefghijklmnop"
            environment[setting.name] = setting.value
            let run = try await ChildProcess.capture(PipelinePaths.binary().path, command, environment: environment)
            let output = run.stdout + run.stderr
            #expect(run.status == 64, "\(command[0]) with \(setting.name): \(output)")
            #expect(output.contains("\(setting.name) still holds the example's placeholder CHANGE-ME"), "\(output)")
            #expect(!output.contains(setting.value), "the value is never printed: \(output)")
            #expect(!output.contains("Connection refused"), "refused before connecting: \(output)")
        }
    }

    @Test("a placeholder given as an option is refused like one from the environment")
    func placeholderOptionsAreRefused() async throws {
        let run = try await PipelineCommandTests.watchpost([
            "migrate", "--database-url", "postgresql://watchpost:CHANGE-ME@127.0.0.1:9/watchpost",
        ])
        #expect(run.status == 64, "\(run.output)")
        #expect(run.output.contains("--database-url still holds the example's placeholder"), "\(run.output)")
    }

    @Test(
        "a worker logs the ids and fingerprints of the keys it holds at start-up, never a secret",
        .timeLimit(.minutes(5))
    )
    func workerLogsTheKeysItHolds() async throws {
        let linkSecret = "worker-link-secret-0123456789-abcdefghijklmnopq"
        let secondKey = "older-key-secret-0123456789-abcdefghijklmnopqrs"
        var environment = TestEventKeys.childEnvironment
        environment[EventKeyring.environmentVariable] = TestEventKeys.value + ",2026-06:\(secondKey)"
        environment["WATCHPOST_LINK_SECRET"] = linkSecret
        let keyring = try EventKeyring(parsing: try #require(environment[EventKeyring.environmentVariable]))
        try await PipelineDatabase.with { database in
            // No topic exists, so the worker stops right after start-up (PipelineStartupTests).
            let broker = try EmbeddedBroker()
            let run = try await ChildProcess.capture(
                PipelinePaths.binary().path,
                [
                    "worker", "--brokers", broker.bootstrapBrokers, "--database-url", database.url,
                    "--config-dir", PipelinePaths.config.path, "--metrics-port", "0",
                ],
                environment: environment
            )
            let output = run.stdout + run.stderr
            let line = try #require(output.split(separator: "\n").first { $0.contains("keys held") }, "\(output)")
            #expect(line.contains("event_keys=\(keyring.fingerprints.joined(separator: ","))"), "\(line)")
            #expect(keyring.fingerprints.first?.hasPrefix("test-1=") == true)
            #expect(line.contains("signing_key=test-1"), "\(line)")
            #expect(line.contains("link_secret=\(SecretFingerprint.of(Array(linkSecret.utf8)))"), "\(line)")
            for secret in [linkSecret, secondKey, "watchpost-tests-only-event-key"] {
                #expect(!output.contains(secret), "no secret in the log: \(output)")
            }
        }
    }

    @Test("a worker's database connections are named watchpost-worker in pg_stat_activity", .timeLimit(.minutes(5)))
    func workerConnectionsCarryTheirRole() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 1)
            let logs = FileManager.default.temporaryDirectory.appendingPathComponent("watchpost-appname-\(UUID())")
            try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: logs) }
            let worker = try PipelineWorkerProcess(
                name: "named",
                brokers: broker.bootstrap,
                databaseURL: database.url,
                logFolder: logs
            )
            let name = try #require(URL(string: database.url)?.lastPathComponent)
            try await waitUntil("the worker's connections appear as watchpost-worker", timeout: .seconds(120)) {
                try await database.count(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = '\(name)' AND application_name = 'watchpost-worker'"
                ) > 0
            }
            // Stopped once it runs (a stop during start-up is another test's subject).
            try await waitUntil("the worker checks the scheduled reports", timeout: .seconds(120)) {
                worker.logContains("scheduled reports checked")
            }
            #expect(try await worker.terminate() == 0, "\(worker.logTail())")
        }
    }
}
