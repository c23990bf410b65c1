import Foundation
import Postgres
import WatchpostCore

/// The `alerts` table's columns and how a row becomes an `Alert`.
enum AlertRow {
    /// The selected columns, in the order `decode` reads them; `a` is the alias of `alerts`.
    static let columns = """
        a.id, a.incident_id, a.event_id, a.recipient, a.relation, a.template, a.reason, a.obligation_id, a.created_at
        """

    /// Decodes the first 9 columns of `row`, selected as in `columns`.
    static func decode(_ row: PostgresRow) throws -> Alert {
        Alert(
            id: try row.decode(UUID.self, at: 0),
            incidentID: try row.decode(UUID.self, at: 1),
            eventID: try row.decode(UUID?.self, at: 2),
            recipient: try row.decode(String.self, at: 3),
            relation: try row.decode(Relation.self, at: 4, in: "alerts"),
            template: try row.decode(AlertTemplate.self, at: 5, in: "alerts"),
            reason: try row.decode(String.self, at: 6),
            obligationID: try row.decode(UUID?.self, at: 7),
            createdAt: try row.decode(Date.self, at: 8)
        )
    }
}
