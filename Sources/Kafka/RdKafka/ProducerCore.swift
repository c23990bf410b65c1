import CRdKafka
import Dispatch
import Logging
import Synchronization

/// The librdkafka side of a ``KafkaProducer``: the handle, the poll thread that serves
/// delivery reports, and the queue for blocking calls.
final class ProducerCore: Sendable {
    let handle: RdKafkaHandle
    private let blockingQueue = DispatchQueue(label: "kafka.producer.blocking")
    /// Set when closing starts: new sends are refused, the poll loop drains and ends.
    private let stopping = Atomic<Bool>(false)
    /// How long the poll loop lets queued messages go out before purging them.
    private let drainTimeoutMilliseconds = Atomic<Int64>(5_000)
    private let pollThread = Mutex<DedicatedThread?>(nil)
    /// Closed by the poll loop before its final drain; `produce` enqueues under it, so no
    /// message can slip in after the drain and wait forever for a delivery report.
    private let acceptingSends = Mutex(true)

    init(configuration: KafkaProducerConfiguration, logger: Logger) throws {
        let properties = try configuration.properties()
        handle = try RdKafkaHandle(
            type: RD_KAFKA_PRODUCER,
            properties: properties,
            callbacks: RdKafkaCallbacks(logger: logger)
        ) { conf in
            rd_kafka_conf_set_dr_msg_cb(conf, deliveryReportCallback)
        }
    }

    /// Runs a blocking librdkafka call off the cooperative pool.
    func runBlocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await Kafka.runBlocking(on: blockingQueue, body)
    }

    /// Starts the poll thread; it keeps `self` alive until it has drained and ended.
    func start() {
        let thread = DedicatedThread(name: "kafka.producer.poll") { [self] in
            pollLoop()
        }
        pollThread.withLock { $0 = thread }
    }

    private func pollLoop() {
        let rk = handle.pointer
        while !stopping.load(ordering: .acquiring) {
            rd_kafka_poll(rk, 100)
        }
        acceptingSends.withLock { $0 = false }
        // Let queued messages go out, then purge the rest so every waiting send completes.
        rd_kafka_flush(rk, Int32(clamping: drainTimeoutMilliseconds.load(ordering: .relaxed)))
        rd_kafka_purge(rk, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT)
        var rounds = 0
        while rd_kafka_outq_len(rk) > 0 && rounds < 50 {
            rd_kafka_poll(rk, 100)
            rounds += 1
        }
        rd_kafka_poll(rk, 0)
    }

    /// Asks the poll loop to drain for at most `drain` and end; returns immediately.
    func stop(drain: Duration) {
        drainTimeoutMilliseconds.store(max(0, drain.milliseconds), ordering: .relaxed)
        stopping.store(true, ordering: .releasing)
    }

    /// Waits until the poll loop has ended.
    func finished() async {
        await pollThread.withLock { $0 }?.finished()
    }

    /// Hands one message to librdkafka; the promise completes from the delivery callback, or
    /// right away when librdkafka refuses the message.
    func produce(_ message: KafkaProducerMessage, promise: DeliveryPromise) {
        let err: rd_kafka_resp_err_t? = acceptingSends.withLock { accepting in
            guard accepting else { return nil }
            return enqueue(message, promise: promise)
        }
        guard let err else {
            promise.complete(.failure(.closed("send to \(message.topic)")))
            return
        }
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            promise.complete(.failure(KafkaError(err, context: "send to \(message.topic)")))
        }
    }

    /// Hands the message to librdkafka (non-blocking); on refusal releases what it retained.
    private func enqueue(_ message: KafkaProducerMessage, promise: DeliveryPromise) -> rd_kafka_resp_err_t {
        let opaque = Unmanaged.passRetained(promise).toOpaque()
        let headers = Self.makeHeaders(message.headers)
        let err = message.value.withUnsafeBytes { value in
            withOptionalBytes(message.key) { key in
                watchpost_rd_kafka_produce(
                    handle.pointer,
                    message.topic,
                    message.partition ?? -1,
                    value.baseAddress,
                    value.count,
                    key?.baseAddress,
                    key?.count ?? 0,
                    headers,
                    opaque
                )
            }
        }
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            // librdkafka did not take the message: nothing will call back for it.
            if let headers { rd_kafka_headers_destroy(headers) }
            Unmanaged<DeliveryPromise>.fromOpaque(opaque).release()
        }
        return err
    }

    /// Waits up to `timeout` for all queued messages to be delivered.
    func flush(timeout: Duration) async throws {
        let rk = handle
        let milliseconds = Int32(clamping: timeout.milliseconds)
        try await runBlocking {
            let err = rd_kafka_flush(rk.pointer, milliseconds)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR {
                let left = rd_kafka_outq_len(rk.pointer)
                throw KafkaError(
                    err,
                    context: "flush",
                    detail: "\(left) messages or requests still queued after \(timeout)"
                )
            }
        }
    }

    private static func makeHeaders(_ headers: [KafkaHeader]) -> OpaquePointer? {
        guard !headers.isEmpty, let list = rd_kafka_headers_new(headers.count) else { return nil }
        for header in headers {
            withOptionalBytes(header.value) { value in
                _ = rd_kafka_header_add(
                    list,
                    header.key,
                    -1,
                    value?.baseAddress,
                    value?.count ?? 0
                )
            }
        }
        return list
    }
}

/// Calls `body` with the bytes of `bytes`, or with nil when there are none.
private func withOptionalBytes<R>(
    _ bytes: [UInt8]?,
    _ body: (UnsafeRawBufferPointer?) -> R
) -> R {
    guard let bytes else { return body(nil) }
    return bytes.withUnsafeBytes { body($0) }
}

/// librdkafka's delivery report callback, run on the poll thread: completes the message's
/// promise and releases the reference `produce` retained for it.
private let deliveryReportCallback:
    @convention(c) (
        OpaquePointer?, UnsafePointer<rd_kafka_message_t>?, UnsafeMutableRawPointer?
    ) -> Void = { _, message, _ in
        guard let message, let opaque = message.pointee._private else { return }
        let promise = Unmanaged<DeliveryPromise>.fromOpaque(opaque).takeRetainedValue()
        let topic = message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        let err = message.pointee.err
        if err == RD_KAFKA_RESP_ERR_NO_ERROR {
            promise.complete(
                .success(
                    KafkaDeliveryReport(
                        topic: topic,
                        partition: message.pointee.partition,
                        offset: message.pointee.offset
                    )
                )
            )
        } else {
            promise.complete(.failure(KafkaError(err, context: "delivery to \(topic)")))
        }
    }
