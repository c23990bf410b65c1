import Synchronization

/// The single completion of one sent message, shared by `send`, its cancellation handler and
/// librdkafka's delivery callback: whichever comes first wins, the rest are ignored.
final class DeliveryPromise: Sendable {
    private enum State {
        case waiting
        case installed(CheckedContinuation<KafkaDeliveryReport, any Error>)
        case done
    }

    private let state = Mutex(State.waiting)

    /// Stores the continuation; returns false (and resumes it) if the task was already
    /// cancelled, in which case the message must not be produced.
    func install(_ continuation: CheckedContinuation<KafkaDeliveryReport, any Error>) -> Bool {
        let installed = state.withLock { state in
            guard case .waiting = state else { return false }
            state = .installed(continuation)
            return true
        }
        if !installed {
            continuation.resume(throwing: CancellationError())
        }
        return installed
    }

    /// Completes with the delivery report or error; later calls do nothing.
    func complete(_ result: Result<KafkaDeliveryReport, KafkaError>) {
        take()?.resume(with: result.mapError { $0 as any Error })
    }

    /// Gives up waiting; a message already handed to librdkafka may still be delivered.
    func cancel() {
        let continuation = state.withLock { state -> CheckedContinuation<KafkaDeliveryReport, any Error>? in
            defer { state = .done }
            if case .installed(let continuation) = state { return continuation }
            return nil
        }
        continuation?.resume(throwing: CancellationError())
    }

    private func take() -> CheckedContinuation<KafkaDeliveryReport, any Error>? {
        state.withLock { state in
            guard case .installed(let continuation) = state else { return nil }
            state = .done
            return continuation
        }
    }
}
