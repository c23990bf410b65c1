import Foundation
import WatchpostCore

extension Event {
    /// A low-severity report of a post about a student, from the monitoring tool: the report the
    /// pipeline tests publish in bulk.
    static func toolReport(
        eventID: UUID,
        incidentID: UUID,
        occurredAt: Date,
        unit: UnitID,
        url: String,
        summary: String,
        category: IncidentCategory = .other,
        severity: Severity = .low
    ) -> Event {
        Event(
            eventID: eventID,
            incidentID: incidentID,
            occurredAt: occurredAt,
            source: EventSource(kind: .tool, id: "monitor-tool"),
            unitID: unit,
            payload: .reported(
                IncidentReported(
                    platform: .facebook,
                    urls: [url],
                    category: category,
                    severity: severity,
                    subjects: [.student],
                    summary: summary,
                    dedupKey: DedupKey.defaultKey(forFirstURL: url)
                )
            )
        )
    }
}
