import Foundation
import Postgres
import WatchpostCore

/// The `declarations` table (issue 29): the API declares and withdraws closures, absences and
/// duty periods;
/// the workers read them back at a revision (`DirectorySource`) and move the deadlines they
/// shift (`DeclarationReplan`).
///
/// Every write holds the lock on `declaration_state`, so declarations and withdrawals take
/// revisions one after another and commit in that order; the deadlines channel is notified so
/// that a worker's enforcer moves the deadlines at once.
public final class DeclarationStore: Sendable {
    let pool: PostgresPool

    /// Creates a store on `pool`.
    public init(pool: PostgresPool) { self.pool = pool }

    /// What `declare` did.
    public enum DeclareOutcome: Sendable, Hashable {
        /// Stored as a new declaration.
        case declared(Declaration)
        /// The same declaration (subject, days, delegate) is already in force: nothing changed.
        case existing(Declaration)
        /// The officer's absence would overlap another in force: nothing changed.
        case overlaps(Declaration)
    }

    /// What `withdraw` did; nil from `withdraw` when no declaration has the id.
    public enum WithdrawOutcome: Sendable, Hashable {
        /// Withdrawn now.
        case withdrawn(Declaration)
        /// Withdrawn before: nothing changed.
        case alreadyWithdrawn(Declaration)
    }

    /// Stores `declaration` (its `declaredRevision` is assigned here) unless the same one is in
    /// force already or, for an absence, another absence of the officer overlaps it.
    public func declare(_ declaration: Declaration) async throws -> DeclareOutcome {
        try await StoreError.wrapping("declaring a \(declaration.subject.kind.rawValue)") {
            try await pool.withTransaction { connection in
                let revision = try await Self.lockRevision(on: connection)
                let (unit, officer, delegate) = Self.columns(of: declaration.subject)
                let inForce = try await connection.query(
                    """
                    SELECT \(unescaped: Declaration.columns) FROM declarations
                    WHERE withdrawn_at IS NULL AND kind = \(declaration.subject.kind.rawValue)
                      AND unit_id IS NOT DISTINCT FROM \(unit) AND officer_id IS NOT DISTINCT FROM \(officer)
                      AND first_day <= \(declaration.last.description)::date
                      AND last_day >= \(declaration.first.description)::date
                    ORDER BY declared_revision
                    """
                ).map(Declaration.decode)
                if let same = inForce.first(where: {
                    $0.first == declaration.first && $0.last == declaration.last && $0.subject == declaration.subject
                }) {
                    return .existing(same)
                }
                if declaration.subject.kind == .absence, let overlapping = inForce.first {
                    return .overlaps(overlapping)
                }
                var stored = declaration
                stored.declaredAt = declaration.declaredAt.roundedToMicroseconds
                stored.declaredRevision = revision + 1
                try await connection.execute(
                    """
                    INSERT INTO declarations (id, kind, unit_id, officer_id, delegate_id, first_day, last_day, reason,
                        declared_by, declared_at, declared_revision)
                    VALUES (\(stored.id), \(stored.subject.kind.rawValue), \(unit), \(officer), \(delegate),
                        \(stored.first.description)::date, \(stored.last.description)::date, \(stored.reason),
                        \(stored.declaredBy), \(stored.declaredAt), \(stored.declaredRevision))
                    """
                )
                try await Self.advance(to: stored.declaredRevision, on: connection)
                return .declared(stored)
            }
        }
    }

    /// Withdraws the declaration `id` at `now`, by `principal` (`officer:ID`); nil when there is
    /// no such declaration of `kind`.
    public func withdraw(id: UUID, kind: Declaration.Subject.Kind, by principal: String, now: Date) async throws
        -> WithdrawOutcome?
    {
        try await StoreError.wrapping("withdrawing a declaration") {
            try await pool.withTransaction { connection in
                let revision = try await Self.lockRevision(on: connection)
                let found = try await connection.query(
                    "SELECT \(unescaped: Declaration.columns) FROM declarations WHERE id = \(id) AND kind = \(kind.rawValue)"
                ).first.map(Declaration.decode)
                guard let found else { return nil }
                guard found.isInForce else { return .alreadyWithdrawn(found) }
                let withdrawn = try await connection.query(
                    """
                    UPDATE declarations SET withdrawn_by = \(principal), withdrawn_at = \(now.roundedToMicroseconds),
                        withdrawn_revision = \(revision + 1)
                    WHERE id = \(id) RETURNING \(unescaped: Declaration.columns)
                    """
                ).first.map(Declaration.decode)
                try await Self.advance(to: revision + 1, on: connection)
                return withdrawn.map(WithdrawOutcome.withdrawn)
            }
        }
    }

    /// The declaration `id`, if any.
    public func find(id: UUID) async throws -> Declaration? {
        try await StoreError.wrapping("reading a declaration") {
            try await pool.withConnection { connection in
                try await connection.query(
                    "SELECT \(unescaped: Declaration.columns) FROM declarations WHERE id = \(id)"
                ).first.map(Declaration.decode)
            }
        }
    }

    /// The declarations about `subjects` (units' closures or duty, or officers' absences) that end on
    /// or after `since`, withdrawn ones included, in the order they were declared.
    public func list(_ kind: Declaration.Subject.Kind, of subjects: [String], since: CivilDay) async throws
        -> [Declaration]
    {
        try await StoreError.wrapping("listing declarations") {
            try await pool.withConnection { connection in
                let column = kind == .absence ? "officer_id" : "unit_id"
                return try await connection.query(
                    """
                    SELECT \(unescaped: Declaration.columns) FROM declarations
                    WHERE \(unescaped: column) = ANY(\(subjects)) AND last_day >= \(since.description)::date
                    ORDER BY declared_revision
                    """
                ).map(Declaration.decode)
            }
        }
    }

    /// The latest revision, after locking it for this transaction: the row first (the order
    /// the enforcer's pass takes it in, so the two never wait on each other in a cycle), then
    /// the declarations' lock exclusively, which waits for the routing transactions planning
    /// deadlines at the revision before (`DirectorySource.directory(on:)`) to commit.
    private static func lockRevision(on connection: PostgresConnection) async throws -> Int64 {
        guard
            let revision = try await connection.query(
                "SELECT revision FROM declaration_state WHERE only_row FOR UPDATE"
            ).first?.decode(Int64.self, at: 0)
        else {
            throw StoreError(code: .corruptRow, message: "declaration_state has no row: run `watchpost migrate`")
        }
        try await connection.query(
            "SELECT pg_advisory_xact_lock(\(DirectorySource.lockKey.0), \(DirectorySource.lockKey.1))"
        )
        return revision
    }

    private static func advance(to revision: Int64, on connection: PostgresConnection) async throws {
        try await connection.execute("UPDATE declaration_state SET revision = \(revision) WHERE only_row")
        try await connection.notify(StoreChannel.deadlines)
    }

    private static func columns(of subject: Declaration.Subject) -> (UnitID?, OfficerID?, OfficerID?) {
        switch subject {
        case .closure(let unit): (unit, nil, nil)
        case .absence(let officer, let delegate): (nil, officer, delegate)
        case .duty(let authority, let officer): (authority, officer, nil)
        }
    }
}
