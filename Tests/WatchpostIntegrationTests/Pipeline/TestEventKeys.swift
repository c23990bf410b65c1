import Foundation
import WatchpostCore

/// The event keys of the tests (D18): a test-only secret, shared by the in-process and child
/// workers, the CLI runs and the producers of the tests, as production shares its real keys.
enum TestEventKeys {
    /// `WATCHPOST_EVENT_KEYS` as the tests set it.
    static let value = "test-1:watchpost-tests-only-event-key-0123456789abcdef"

    /// The keyring of `value`.
    static let keyring: EventKeyring = {
        do {
            return try EventKeyring(parsing: value)
        } catch {
            fatalError("the tests' event key is invalid: \(error)")
        }
    }()

    /// This process's environment with the tests' keys, for a child `watchpost`.
    static var childEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment[EventKeyring.environmentVariable] = value
        return environment
    }
}
