import CRdKafka

extension KafkaConnectionConfiguration {
    /// The librdkafka properties of a client: brokers and security, then the role's own
    /// (`role`), then ``additionalProperties`` last, so an operator's setting wins over every
    /// default. Properties the client manages itself (`managed`, and `bootstrap.servers`) are
    /// refused among the additional ones.
    func properties(role: [(String, String)] = [], managed: [String] = []) throws -> [(String, String)] {
        if let key = additionalProperties.keys.sorted().first(where: {
            ($0 == "bootstrap.servers") || managed.contains($0)
        }) {
            throw KafkaError.configuration(key: key, reason: "managed by this client; remove it")
        }
        return baseProperties() + role + additionalProperties.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    private func baseProperties() -> [(String, String)] {
        var result: [(String, String)] = [
            ("bootstrap.servers", bootstrapBrokers.joined(separator: ",")),
            ("client.id", clientID),
            ("security.protocol", securityProtocol.rawValue),
        ]
        if let sasl {
            result += [
                ("sasl.mechanisms", sasl.mechanism),
                ("sasl.username", sasl.username),
                ("sasl.password", sasl.password),
            ]
        }
        if let tls {
            let files: [(String, String?)] = [
                ("ssl.ca.location", tls.caFile),
                ("ssl.certificate.location", tls.certificateFile),
                ("ssl.key.location", tls.keyFile),
                ("ssl.key.password", tls.keyPassword),
            ]
            result += files.compactMap { key, value in value.map { (key, $0) } }
        }
        return result
    }
}

extension KafkaConnectionConfiguration {
    /// Checks every property with librdkafka itself, so a misspelt key or an invalid value
    /// fails at start-up naming the key, before any client is created; `managed` names
    /// properties the caller's clients set themselves, refused among the additional ones.
    public func validate(managed: [String] = []) throws(KafkaError) {
        do {
            rd_kafka_conf_destroy(try RdKafkaHandle.makeConfiguration(try properties(managed: managed)))
        } catch let error as KafkaError {
            throw error
        } catch {
            throw KafkaError(code: .configuration, message: "\(error)")
        }
    }
}

extension Duration {
    /// Whole milliseconds, as librdkafka's `*.ms` properties want them.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
