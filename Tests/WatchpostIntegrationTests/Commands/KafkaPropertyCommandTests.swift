import Foundation
import Testing

/// Secure connections without code changes: librdkafka properties from the environment or a
/// properties file reach every Kafka client of a command, and a bad one stops it at start-up.
@Suite(.timeLimit(.minutes(5)))
struct KafkaPropertyCommandTests {
    /// A report of about 1 500 bytes: over librdkafka's smallest `message.max.bytes` (1 000).
    private func largeReport(_ kafka: PublishBroker) -> [String] {
        ["publish", "report"] + kafka.flags + [
            "--officer", "gs-thcs-binh-son", "--unit", "thcs-binh-son", "--platform", "facebook",
            "--url", "https://www.facebook.com/groups/123/posts/456",
            "--category", "false_information", "--severity", "medium", "--subject", "student",
            "--summary", String(repeating: "Tin đồn sai sự thật về nhà trường. ", count: 40),
        ]
    }

    @Test func aPropertyFromTheEnvironmentReachesLibrdkafka() async throws {
        let kafka = try PublishBroker()
        let plain = try await PublishHarness.run(largeReport(kafka))
        #expect(plain.status == 0, "without the property the report is sent; stderr: \(plain.stderr)")

        // Only librdkafka itself refuses a message larger than its message.max.bytes.
        let limited = try await PublishHarness.run(
            largeReport(kafka),
            environment: ["WATCHPOST_KAFKA_PROPERTY_message.max.bytes": "1000"]
        )
        #expect(limited.status != 0)
        #expect(limited.stderr.lowercased().contains("too large"), "stderr: \(limited.stderr)")

        let consumed = try await PublishHarness.consume(1, from: kafka.topic, brokers: kafka.brokers)
        #expect(consumed.count == 1)
    }

    @Test func aPropertiesFileReachesLibrdkafkaAndTheEnvironmentOverridesIt() async throws {
        let kafka = try PublishBroker()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("client-\(UUID()).properties")
        try "# operator's client settings\nmessage.max.bytes=1000\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }

        let fromFile = try await PublishHarness.run(
            largeReport(kafka),
            environment: ["WATCHPOST_KAFKA_PROPERTIES_FILE": file.path]
        )
        #expect(fromFile.status != 0)
        #expect(fromFile.stderr.lowercased().contains("too large"), "stderr: \(fromFile.stderr)")

        let overridden = try await PublishHarness.run(
            largeReport(kafka),
            environment: [
                "WATCHPOST_KAFKA_PROPERTIES_FILE": file.path, "WATCHPOST_KAFKA_PROPERTY_MESSAGE_MAX_BYTES": "1000000",
            ]
        )
        #expect(overridden.status == 0, "stderr: \(overridden.stderr)")
    }

    @Test(arguments: [
        ("WATCHPOST_KAFKA_PROPERTY_no.such.property", "1", "no.such.property"),
        ("WATCHPOST_KAFKA_PROPERTY_SECURITY_PROTOCOL", "carrier_pigeon", "security.protocol"),
        ("WATCHPOST_KAFKA_PROPERTY_group.id", "another-group", "group.id"),
    ])
    func aBadPropertyStopsTheWorkerAtStartUpNamingIt(variable: String, value: String, property: String) async throws {
        let run = try await PublishHarness.run(
            [
                "worker", "--brokers", "127.0.0.1:9", "--database-url", "postgresql://nobody@127.0.0.1:9/none",
                "--config-dir", PublishHarness.configDirectory, "--metrics-port", "0",
            ],
            environment: [variable: value]
        )
        #expect(run.status == 64, "a usage error; stderr: \(run.stderr)")
        #expect(run.stderr.contains("WATCHPOST_KAFKA_PROPERTY_"), "stderr: \(run.stderr)")
        #expect(run.stderr.contains("'\(property)'"), "stderr: \(run.stderr)")
    }

    @Test func theStartUpLogNamesThePropertiesButNeverTheirValues() async throws {
        let kafka = try PublishBroker()
        let secret = "never-log-me-\(UUID().uuidString)"
        let run = try await PublishHarness.run(
            largeReport(kafka) + ["--verbose"],
            environment: [
                "WATCHPOST_KAFKA_PROPERTY_sasl.password": secret, "WATCHPOST_KAFKA_PROPERTY_CLIENT_RACK": "rack-7",
            ]
        )
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("client.rack,sasl.password"), "stderr: \(run.stderr)")
        #expect(!run.stderr.contains(secret))
        #expect(!run.stdout.contains(secret))
    }
}
