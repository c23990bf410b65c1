import Foundation
import Synchronization
import WatchpostTestSupport

/// A webhook receiver that honours idempotency keys, as a real one must: the first request with a
/// key is accepted (its effect happens once), a repeat is answered 200 and ignored. It also fails
/// on purpose: every seventh first attempt of a key gets 503, every eleventh 429 with
/// Retry-After, so retries and their back-off run throughout.
final class ChaosReceiver: Sendable {
    private struct State {
        var accepted: Set<String> = []
        var repeats = 0
        var refused = 0
        var attempts: [String: Int] = [:]
    }

    private final class Ledger: Sendable {
        let state = Mutex(State())
    }

    private let ledger: Ledger
    private let server: TestHTTPServer

    init() throws {
        let ledger = Ledger()
        self.ledger = ledger
        server = try TestHTTPServer { request, _ in
            let key = request.headers["idempotency-key"] ?? ""
            return ledger.state.withLock { state in
                if state.accepted.contains(key) {
                    state.repeats += 1
                    return .status(200)
                }
                let attempt = state.attempts[key, default: 0] + 1
                state.attempts[key] = attempt
                let hash = key.utf8.reduce(UInt32(7)) { $0 &* 31 &+ UInt32($1) }
                if attempt == 1 && hash % 7 == 0 {
                    state.refused += 1
                    return .status(503)
                }
                if attempt == 1 && hash % 11 == 0 {
                    state.refused += 1
                    return .status(429, headers: ["Retry-After": "1"])
                }
                state.accepted.insert(key)
                return .status(200)
            }
        }
    }

    var url: String { server.url }
    /// Keys whose effect happened (each at most once, by construction).
    var accepted: Set<String> { ledger.state.withLock { $0.accepted } }
    /// Requests that repeated an accepted key: redeliveries the key made harmless.
    var repeats: Int { ledger.state.withLock { $0.repeats } }
    /// Requests refused on purpose (503 or 429).
    var refused: Int { ledger.state.withLock { $0.refused } }

    func stop() { server.stop() }
}
