import Foundation
import Postgres
import WatchpostCore

/// One closure, absence or duty period declared through the API (issue 29), as the
/// `declarations` table keeps it: declared, and perhaps withdrawn later, never deleted.
public struct Declaration: Sendable, Hashable {
    /// What is declared.
    public enum Subject: Sendable, Hashable {
        /// The unit, and every unit below it, does not work these days (a storm, a lockdown).
        case closure(unit: UnitID)
        /// The officer is away these days; `delegate` stands in, when named.
        case absence(officer: OfficerID, delegate: OfficerID?)
        /// The authority's after-hours duty officer (cán bộ trực) for these days.
        case duty(authority: UnitID, officer: OfficerID)

        /// The two kinds, as stored.
        public enum Kind: String, Sendable, Hashable {
            case closure, absence, duty
        }

        /// The closed unit, the absent officer, or the authority on duty.
        public var holder: String {
            switch self {
            case .closure(let unit): unit
            case .absence(let officer, _): officer
            case .duty(let authority, _): authority
            }
        }

        /// Which kind this is.
        public var kind: Kind {
            switch self {
            case .closure: .closure
            case .absence: .absence
            case .duty: .duty
            }
        }
    }

    /// The declaration's id.
    public var id: UUID
    /// What is declared, and about whom.
    public var subject: Subject
    /// The first day, Asia/Ho_Chi_Minh.
    public var first: CivilDay
    /// The last day, included.
    public var last: CivilDay
    /// Why, as written, e.g. "Bão số 15" or "Nghỉ phép năm".
    public var reason: String
    /// Who declared it: `officer:ID`.
    public var declaredBy: String
    /// When it was declared.
    public var declaredAt: Date
    /// Its place in the order of declarations and withdrawals.
    public var declaredRevision: Int64
    /// Who withdrew it, if anyone did.
    public var withdrawnBy: String?
    /// When it was withdrawn.
    public var withdrawnAt: Date?

    /// Creates a value from its parts.
    public init(
        id: UUID,
        subject: Subject,
        first: CivilDay,
        last: CivilDay,
        reason: String,
        declaredBy: String,
        declaredAt: Date,
        declaredRevision: Int64 = 0,
        withdrawnBy: String? = nil,
        withdrawnAt: Date? = nil
    ) {
        self.id = id
        self.subject = subject
        self.first = first
        self.last = last
        self.reason = reason
        self.declaredBy = declaredBy
        self.declaredAt = declaredAt
        self.declaredRevision = declaredRevision
        self.withdrawnBy = withdrawnBy
        self.withdrawnAt = withdrawnAt
    }

    /// Whether it still holds (it was not withdrawn).
    public var isInForce: Bool { withdrawnAt == nil }

    static let columns = """
        id, kind, unit_id, officer_id, delegate_id, first_day::text, last_day::text, reason, declared_by, declared_at,
        declared_revision, withdrawn_by, withdrawn_at
        """

    static func decode(_ row: PostgresRow) throws -> Declaration {
        let kind = try row.decode(String.self, at: 1)
        let subject: Subject
        switch Subject.Kind(rawValue: kind) {
        case .closure: subject = .closure(unit: try row.decode(String.self, at: 2))
        case .duty:
            subject = .duty(authority: try row.decode(String.self, at: 2), officer: try row.decode(String.self, at: 3))
        case .absence:
            subject = .absence(
                officer: try row.decode(String.self, at: 3),
                delegate: try row.decode(String?.self, at: 4)
            )
        case nil:
            throw StoreError(code: .corruptRow, message: "declarations: unknown kind `\(kind)`")
        }
        let firstText = try row.decode(String.self, at: 5)
        let lastText = try row.decode(String.self, at: 6)
        guard let first = CivilDay(firstText), let last = CivilDay(lastText) else {
            throw StoreError(
                code: .corruptRow,
                message: "declarations: days `\(firstText)`..`\(lastText)` do not parse"
            )
        }
        return Declaration(
            id: try row.decode(UUID.self, at: 0),
            subject: subject,
            first: first,
            last: last,
            reason: try row.decode(String.self, at: 7),
            declaredBy: try row.decode(String.self, at: 8),
            declaredAt: try row.decode(Date.self, at: 9),
            declaredRevision: try row.decode(Int64.self, at: 10),
            withdrawnBy: try row.decode(String?.self, at: 11),
            withdrawnAt: try row.decode(Date?.self, at: 12)
        )
    }
}

extension Array where Element == Declaration {
    /// The closures, absences and duty periods these declarations add to the directory.
    public var asDirectoryDeclarations: DirectoryDeclarations {
        var declarations = DirectoryDeclarations()
        for declaration in self {
            switch declaration.subject {
            case .closure(let unit):
                declarations.closures[unit, default: []].append(
                    WorkingCalendar.Closure(
                        first: declaration.first,
                        last: declaration.last,
                        reason: declaration.reason
                    )
                )
            case .absence(let officer, let delegate):
                declarations.absences[officer, default: []].append(
                    Absence(
                        first: declaration.first,
                        last: declaration.last,
                        delegate: delegate,
                        reason: declaration.reason
                    )
                )
            case .duty(let authority, let officer):
                declarations.duty[authority, default: []].append(
                    DutyShift(officer: officer, first: declaration.first, last: declaration.last)
                )
            }
        }
        return declarations
    }
}
