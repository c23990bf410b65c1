import Foundation
import Testing

@testable import Kafka

/// librdkafka properties an operator supplies through a file and the environment.
@Suite struct PropertyOverridesTests {
    private let prefix = "APP_KAFKA_PROPERTY_"
    private let fileVariable = "APP_KAFKA_PROPERTIES_FILE"

    @Test func dottedNamesAreTakenAsWrittenAndUpperCaseNamesTurnUnderscoresIntoDots() throws {
        let overrides = try KafkaPropertyOverrides(
            environment: [
                "APP_KAFKA_PROPERTY_security.protocol": "SASL_SSL",
                "APP_KAFKA_PROPERTY_SASL_MECHANISMS": "SCRAM-SHA-512",
                "OTHER_VARIABLE": "ignored",
            ],
            prefix: prefix,
            fileVariable: fileVariable
        )
        #expect(overrides.properties == ["security.protocol": "SASL_SSL", "sasl.mechanisms": "SCRAM-SHA-512"])
        #expect(overrides.names == ["sasl.mechanisms", "security.protocol"])
    }

    @Test func theEnvironmentOverridesThePropertiesFile() throws {
        let file = try temporaryFile(
            """
            # client.properties
            ! also a comment
            security.protocol = SASL_SSL
            sasl.username: watchpost
            ssl.ca.location=/etc/watchpost/ca.pem

            """
        )
        let overrides = try KafkaPropertyOverrides(
            environment: [fileVariable: file.path, "APP_KAFKA_PROPERTY_ssl.ca.location": "/run/secrets/ca.pem"],
            prefix: prefix,
            fileVariable: fileVariable
        )
        #expect(
            overrides.properties == [
                "security.protocol": "SASL_SSL",
                "sasl.username": "watchpost",
                "ssl.ca.location": "/run/secrets/ca.pem",
            ]
        )
    }

    @Test func aLineWithoutSeparatorNamesTheFileAndLine() throws {
        let file = try temporaryFile("security.protocol=SSL\nthis line is wrong\n")
        let error = #expect(throws: KafkaError.self) {
            try KafkaPropertyOverrides(
                environment: [fileVariable: file.path],
                prefix: prefix,
                fileVariable: fileVariable
            )
        }
        #expect(error?.message == "\(file.path):2: expected key=value")
    }

    @Test func aMissingFileNamesTheVariable() {
        let error = #expect(throws: KafkaError.self) {
            try KafkaPropertyOverrides(
                environment: [fileVariable: "/nonexistent/client.properties"],
                prefix: prefix,
                fileVariable: fileVariable
            )
        }
        #expect(
            error?.message.hasPrefix("\(fileVariable)=/nonexistent/client.properties: cannot read the file") == true
        )
    }

    @Test func librdkafkaRefusesAnUnknownPropertyNamingIt() {
        var connection = KafkaConnectionConfiguration(bootstrapBrokers: ["127.0.0.1:9092"])
        connection.additionalProperties = ["no.such.property": "1"]
        let error = #expect(throws: KafkaError.self) { try connection.validate() }
        #expect(error?.code == .configuration)
        #expect(error?.message.contains("'no.such.property'") == true)
        #expect(error?.message.contains("No such configuration property") == true)
    }

    @Test func librdkafkaRefusesAnInvalidValueNamingTheProperty() {
        var connection = KafkaConnectionConfiguration(bootstrapBrokers: ["127.0.0.1:9092"])
        connection.additionalProperties = ["security.protocol": "carrier-pigeon"]
        let error = #expect(throws: KafkaError.self) { try connection.validate() }
        #expect(error?.message.contains("'security.protocol'") == true)
    }

    @Test func propertiesTheClientsManageAreRefused() {
        for key in ["bootstrap.servers", "group.id", "enable.idempotence", "acks"] {
            var connection = KafkaConnectionConfiguration(bootstrapBrokers: ["127.0.0.1:9092"])
            connection.additionalProperties = [key: "x"]
            let error = #expect(throws: KafkaError.self) {
                try connection.validate(
                    managed: KafkaConsumerConfiguration.managedProperties + KafkaProducerConfiguration.managedProperties
                )
            }
            #expect(error?.message.contains("'\(key)'") == true, "\(key)")
        }
    }

    @Test func theOperatorsPropertyIsAppliedAfterTheProducersOwnDefault() throws {
        var connection = KafkaConnectionConfiguration(bootstrapBrokers: ["127.0.0.1:9092"])
        connection.additionalProperties = ["linger.ms": "50", "compression.type": "zstd"]
        let properties = try KafkaProducerConfiguration(connection: connection).properties()
        // librdkafka keeps the last value set for a key.
        #expect(properties.last { $0.0 == "linger.ms" }?.1 == "50")
        #expect(properties.last { $0.0 == "compression.type" }?.1 == "zstd")
    }

    private func temporaryFile(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "client-\(UUID().uuidString).properties"
        )
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}
