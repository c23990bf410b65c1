import Foundation
import Testing
import WatchpostCore
import WatchpostStore

/// An event the router refused merely names an incident, and anyone who can write to the broker
/// can name one: officers never see it in the incident's timeline, on the page or in the JSON;
/// an operations tool token with `read` still does (issue 26, item 5).
@Suite(.serialized, .timeLimit(.minutes(5)))
struct TimelineRejectedEventsTests {
    static let planted = "Liên hệ ngay 0900000000 để nhận hỗ trợ"

    /// Seeds a report at the cast's school and an update of it by the head of a school under
    /// another authority, which the router refuses; returns the incident.
    static func incidentWithRefusedUpdate(_ api: APITestHarness, _ cast: APICast) async throws -> UUID {
        let incident = UUID()
        let now = api.environment.now()
        let outsider = try #require(api.directory.officers(withRole: .head, in: cast.foreignSchool.id).first)
        try await api.seed([
            StoreFixture.report(incident: incident, unit: cast.school.id, at: now.addingTimeInterval(-60)),
            StoreFixture.event(
                .updated(IncidentUpdated(summary: planted)),
                incident: incident,
                by: EventSource(kind: .officer, id: outsider.id),
                unit: cast.school.id,
                at: now
            ),
        ])
        let refused = try await api.rows(
            "SELECT count(*) FROM events WHERE incident_id = \(incident) AND outcome = 'rejected'"
        )
        #expect(try refused.first?.decode(Int.self, at: 0) == 1, "the update must be refused by the router")
        return incident
    }

    @Test func aRefusedEventNamingAnIncidentIsLeftOutOfAnOfficersTimelineJSON() async throws {
        try await APITestHarness.with { api in
            let cast = try APICast(api.directory)
            let incident = try await Self.incidentWithRefusedUpdate(api, cast)
            let head = try await api.token(officer: cast.officers[.schoolHead]!.id, scopes: [.read])
            let response = try await api.request(.get, "/v1/incidents/\(incident.canonicalString)", token: head)
            #expect(response.status == .ok)
            let events = try #require(response.json["events"] as? [[String: Any]])
            #expect(events.map { $0["type"] as? String } == ["incident.reported"])
            #expect(!response.text.contains(Self.planted))
        }
    }

    @Test func aRefusedEventNamingAnIncidentIsLeftOutOfTheIncidentPage() async throws {
        try await APITestHarness.with { api in
            let cast = try APICast(api.directory)
            let incident = try await Self.incidentWithRefusedUpdate(api, cast)
            let head = try await api.token(officer: cast.officers[.schoolHead]!.id, scopes: [.read])
            let page = try await api.request(.get, "/incidents/\(incident.canonicalString)", token: head)
            #expect(page.status == .ok)
            #expect(page.text.components(separatedBy: "<li class=\"event\">").count - 1 == 1, "\(page.text)")
            #expect(!page.text.contains("bị từ chối"))
        }
    }

    @Test func anOperationsToolWithReadStillSeesTheRefusedEventInTheTimelineJSON() async throws {
        try await APITestHarness.with { api in
            let cast = try APICast(api.directory)
            let incident = try await Self.incidentWithRefusedUpdate(api, cast)
            let operations = try await api.token(tool: "operations", scopes: [.read])
            let response = try await api.request(
                .get,
                "/v1/incidents/\(incident.canonicalString)",
                token: operations
            )
            #expect(response.status == .ok)
            let events = try #require(response.json["events"] as? [[String: Any]])
            #expect(events.map { $0["type"] as? String } == ["incident.reported", "incident.updated"])
            #expect(events.last?["outcome"] as? String == "rejected")
        }
    }
}
