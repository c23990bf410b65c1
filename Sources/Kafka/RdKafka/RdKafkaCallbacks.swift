import CRdKafka
import Logging
import Synchronization

/// Receives librdkafka's callbacks for one handle.
///
/// Passed retained as the configuration opaque and released only after `rd_kafka_destroy`
/// returned (see ``RdKafkaHandle``), so no callback can reach a freed object.
final class RdKafkaCallbacks: Sendable {
    let logger: Logger
    /// Called for librdkafka log lines (level as syslog, facility, text) after they were logged.
    let onLog: (@Sendable (Int32, String, String) -> Void)?
    /// Called for client-level errors (all brokers down, fatal errors ...) after they were logged.
    let onError: (@Sendable (KafkaError, Bool) -> Void)?
    /// The consumer that serves rebalances; weak because the consumer owns the handle.
    private let rebalanceTarget = Mutex(WeakRebalanceTarget())

    init(
        logger: Logger,
        onLog: (@Sendable (Int32, String, String) -> Void)? = nil,
        onError: (@Sendable (KafkaError, Bool) -> Void)? = nil
    ) {
        self.logger = logger
        self.onLog = onLog
        self.onError = onError
    }

    /// The consumer that handles rebalance callbacks, if it is still alive.
    var rebalanceHandler: ConsumerCore? {
        get { rebalanceTarget.withLock { $0.value } }
        set { rebalanceTarget.withLock { $0.value = newValue } }
    }

    /// The callbacks object behind a handle's opaque.
    static func of(_ rk: OpaquePointer?) -> RdKafkaCallbacks? {
        guard let rk, let opaque = rd_kafka_opaque(rk) else { return nil }
        return Unmanaged<RdKafkaCallbacks>.fromOpaque(opaque).takeUnretainedValue()
    }

    /// Installs the log and error callbacks on a configuration.
    static func install(on conf: OpaquePointer) {
        rd_kafka_conf_set_log_cb(conf) { rk, level, facility, text in
            guard let callbacks = RdKafkaCallbacks.of(rk) else { return }
            let facility = facility.map { String(cString: $0) } ?? ""
            let text = text.map { String(cString: $0) } ?? ""
            callbacks.logger.log(
                level: Logger.Level(syslog: level),
                "\(text)",
                metadata: ["rdkafka.facility": "\(facility)"]
            )
            callbacks.onLog?(level, facility, text)
        }
        rd_kafka_conf_set_error_cb(conf) { rk, err, reason, _ in
            guard let callbacks = RdKafkaCallbacks.of(rk) else { return }
            let reason = reason.map { String(cString: $0) } ?? ""
            var error = KafkaError(rd_kafka_resp_err_t(err), context: "client error", detail: reason)
            let fatal = error.rdKafkaCode == RD_KAFKA_RESP_ERR__FATAL.rawValue
            if fatal, let rk {
                var text = [CChar](repeating: 0, count: 512)
                let original = rd_kafka_fatal_error(rk, &text, text.count)
                error = KafkaError(original, context: "fatal client error", detail: String(errorBuffer: text))
                error.code = .fatal
                error.isRetriable = false
            }
            callbacks.logger.warning("\(error)")
            callbacks.onError?(error, fatal)
        }
    }
}

/// A weak reference, so the handle's callbacks never keep the consumer alive.
struct WeakRebalanceTarget {
    weak var value: ConsumerCore?
}

extension Logger.Level {
    /// Maps a syslog level (as librdkafka logs) to swift-log's levels.
    init(syslog level: Int32) {
        switch level {
        case ...3: self = .error
        case 4: self = .warning
        case 5: self = .notice
        case 6: self = .info
        default: self = .debug
        }
    }
}
