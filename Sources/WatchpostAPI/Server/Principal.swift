import Foundation
import WatchpostCore

/// What an API token allows (`watchpost token issue --scope`).
public enum Scope: String, CaseIterable, Sendable, Hashable, Codable {
    /// Publish incident reports and updates.
    case report
    /// Acknowledge, record actions, resolve, reopen, escalate.
    case act
    /// Read obligations and incidents.
    case read
}

/// The authenticated caller of a request.
public enum Principal: Sendable, Hashable {
    /// An officer of the directory, signed in with a session cookie or calling with their token.
    case officer(Officer, Credential)
    /// A tool or other system, calling with its token.
    case tool(name: String, tokenID: UUID, scopes: Set<Scope>)

    /// How an officer proved who they are.
    public enum Credential: Sendable, Hashable {
        /// A browser session; state-changing forms must echo `csrfToken`.
        case session(csrfToken: String)
        /// An API token with its scopes.
        case token(id: UUID, scopes: Set<Scope>)
        /// A signed acknowledge link from an alert: it may acknowledge that one incident, once.
        case link(incident: UUID)
    }

    /// The officer, when the caller is one.
    public var officer: Officer? {
        if case .officer(let officer, _) = self { return officer }
        return nil
    }

    /// Whether the caller may use `scope`. A session holds every scope; what the officer may
    /// do with it is decided per unit and incident by the access rules.
    public func has(_ scope: Scope) -> Bool {
        switch self {
        case .officer(_, .session): true
        case .officer(_, .token(_, let scopes)): scopes.contains(scope)
        case .officer(_, .link): scope == .act
        case .tool(_, _, let scopes): scopes.contains(scope)
        }
    }

    /// The event source this caller signs as.
    public var source: EventSource {
        switch self {
        case .officer(let officer, _): EventSource(kind: .officer, id: officer.id)
        case .tool(let name, _, _): EventSource(kind: .tool, id: name)
        }
    }

    /// For logs and the audit trail: `officer:ID` or `tool:NAME`.
    public var label: String { "\(source.kind.rawValue):\(source.id)" }
}
