import Foundation
import Postgres
import WatchpostCore

/// An open obligation of one officer, with what they need to pick it up.
public struct OwedObligation: Sendable, Hashable {
    /// The obligation, as the router left it.
    public var obligation: Obligation
    /// Its incident's school.
    public var unitID: UnitID
    /// The school's name, when the unit is in the database.
    public var unitName: String?
    /// The incident's status.
    public var incidentStatus: IncidentStatus
    /// The incident's category.
    public var category: IncidentCategory
    /// The incident's severity.
    public var severity: Severity
}

extension IncidentViews {
    /// The open obligations `officer` owes, the earliest deadline first (those without a
    /// deadline last).
    public func openObligations(of officer: OfficerID) async throws -> [OwedObligation] {
        try await StoreError.wrapping("reading the obligations of \(officer)") {
            try await pool.withConnection { connection in
                let columns = ObligationRow.columns.split(separator: ",").map {
                    "o." + $0.trimmingCharacters(in: .whitespacesAndNewlines)
                }
                let rows = try await connection.query(
                    """
                    SELECT \(unescaped: columns.joined(separator: ", ")), i.unit_id, u.name, i.status, i.category, i.severity
                    FROM obligations o
                    JOIN incidents i ON i.id = o.incident_id
                    LEFT JOIN units u ON u.id = i.unit_id
                    WHERE o.status = 'open' AND o.owner_officer_id = \(officer)
                    ORDER BY o.due_at NULLS LAST, o.opened_at, o.id
                    """
                )
                let table = "incidents"
                return try rows.map { row in
                    OwedObligation(
                        obligation: try ObligationRow.decode(row),
                        unitID: try row.decode(String.self, at: ObligationRow.count),
                        unitName: try row.decode(String?.self, at: ObligationRow.count + 1),
                        incidentStatus: try row.decode(IncidentStatus.self, at: ObligationRow.count + 2, in: table),
                        category: try row.decode(IncidentCategory.self, at: ObligationRow.count + 3, in: table),
                        severity: try row.decode(Severity.self, at: ObligationRow.count + 4, in: table)
                    )
                }
            }
        }
    }
}
