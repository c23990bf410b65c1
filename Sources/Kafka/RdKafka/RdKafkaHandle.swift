import CRdKafka

/// Owns one `rd_kafka_t` and destroys it in `deinit`.
///
/// `@unchecked Sendable`: the pointer is immutable and librdkafka's API on a handle is
/// thread-safe; the handle is destroyed only when the last reference goes, so no thread can
/// use it afterwards.
final class RdKafkaHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    let callbacks: RdKafkaCallbacks
    private let retainedCallbacks: Unmanaged<RdKafkaCallbacks>

    /// Creates a client of `type` from `properties`; `configure` may install more callbacks
    /// on the configuration before the handle exists.
    init(
        type: rd_kafka_type_t,
        properties: [(String, String)],
        callbacks: RdKafkaCallbacks,
        configure: (OpaquePointer) -> Void = { _ in }
    ) throws {
        let conf = try Self.makeConfiguration(properties)
        RdKafkaCallbacks.install(on: conf)
        configure(conf)
        let retained = Unmanaged.passRetained(callbacks)
        rd_kafka_conf_set_opaque(conf, retained.toOpaque())
        var errorText = [CChar](repeating: 0, count: 512)
        guard let rk = rd_kafka_new(type, conf, &errorText, errorText.count) else {
            // rd_kafka_new takes ownership of the configuration only on success.
            rd_kafka_conf_destroy(conf)
            retained.release()
            throw KafkaError(
                code: .configuration,
                message: "cannot create Kafka client: \(String(errorBuffer: errorText))"
            )
        }
        self.pointer = rk
        self.callbacks = callbacks
        self.retainedCallbacks = retained
    }

    deinit {
        rd_kafka_destroy(pointer)
        // Only now no callback can run any more.
        retainedCallbacks.release()
    }

    /// Turns key-value properties into an `rd_kafka_conf_t`; the one place they are applied.
    static func makeConfiguration(_ properties: [(String, String)]) throws -> OpaquePointer {
        guard let conf = rd_kafka_conf_new() else {
            throw KafkaError(code: .configuration, message: "cannot allocate a configuration")
        }
        for (key, value) in properties {
            var errorText = [CChar](repeating: 0, count: 512)
            if rd_kafka_conf_set(conf, key, value, &errorText, errorText.count) != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                throw KafkaError.configuration(key: key, reason: String(errorBuffer: errorText))
            }
        }
        return conf
    }
}

extension String {
    /// The text in a NUL-terminated buffer librdkafka wrote an error message into.
    init(errorBuffer: [CChar]) {
        let bytes = errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        self = String(decoding: bytes, as: UTF8.self)
    }
}

extension RdKafkaHandle {
    /// The value librdkafka applies for configuration property `name` (set or default), or nil
    /// for an unknown property.
    func configurationValue(_ name: String) -> String? {
        guard let conf = rd_kafka_conf(pointer) else { return nil }
        var size = 0
        guard rd_kafka_conf_get(conf, name, nil, &size) == RD_KAFKA_CONF_OK, size > 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: size)
        guard rd_kafka_conf_get(conf, name, &buffer, &size) == RD_KAFKA_CONF_OK else { return nil }
        return String(errorBuffer: buffer)
    }
}
