extension KafkaConnectionConfiguration {
    /// The librdkafka properties for brokers and security; role-specific ones follow them.
    func properties() -> [(String, String)] {
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
        result += additionalProperties.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return result
    }
}

extension Duration {
    /// Whole milliseconds, as librdkafka's `*.ms` properties want them.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
