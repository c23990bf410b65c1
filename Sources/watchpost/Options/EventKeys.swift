import ArgumentParser
import Foundation
import Logging
import WatchpostCore

/// The event-signing settings every command reads from the environment (D18).
enum EventKeys {
    private static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// `WATCHPOST_EVENT_KEYS`, or nil when unset; a malformed value is a usage error.
    static func optional() throws -> EventKeyring? {
        do {
            return try EventKeyring.fromEnvironment(environment)
        } catch {
            throw ValidationError("\(EventKeyring.environmentVariable): \(error)")
        }
    }

    /// `WATCHPOST_EVENT_KEYS`, which must be set.
    static func required() throws -> EventKeyring {
        guard let keyring = try optional() else {
            throw ValidationError(
                "\(EventKeyring.environmentVariable) must be set: `id:secret` pairs shared by the API, the CLI and the workers (docs/security.md)"
            )
        }
        return keyring
    }

    /// Logs which keys this process holds, never a secret: the event key ids with their
    /// fingerprints (`SecretFingerprint`), the one that signs, and the fingerprint of
    /// `WATCHPOST_LINK_SECRET`. Comparing these lines across the API, the workers and the CLI
    /// shows a rotation mistake at once, instead of as dead letters or refused links.
    static func logHeld(_ keyring: EventKeyring?, logger: Logger) {
        let linkSecret = environment["WATCHPOST_LINK_SECRET"].flatMap { $0.isEmpty ? nil : $0 }
        logger.info(
            "keys held",
            metadata: [
                "event_keys": "\(keyring?.fingerprints.joined(separator: ",") ?? "none")",
                "signing_key": "\(keyring?.signingKey.id ?? "none")",
                "link_secret": "\(linkSecret.map { SecretFingerprint.of(Array($0.utf8)) } ?? "unset")",
            ]
        )
    }

    /// `WATCHPOST_ACCEPT_UNSIGNED_TOOL_REPORTS`: true (the default) or false.
    static func acceptsUnsignedToolReports() throws -> Bool {
        switch environment["WATCHPOST_ACCEPT_UNSIGNED_TOOL_REPORTS"]?.lowercased() {
        case nil, "", "true", "1", "yes": return true
        case "false", "0", "no": return false
        case let other?:
            throw ValidationError("WATCHPOST_ACCEPT_UNSIGNED_TOOL_REPORTS must be true or false, not `\(other)`")
        }
    }
}
