import Foundation
import HTTPTypes
import Testing
import WatchpostAPI
import WatchpostCore

/// A monitoring officer reports and updates their own reports, and no more (issue 26, items 4
/// and 7): a report cannot join an existing incident by naming its id, nor be backdated, and an
/// update reaches only incidents the monitor reported. Checked by `EventPublisher`, which
/// decodes once.
@Suite("API: what a monitor may send", .serialized, .timeLimit(.minutes(5)))
struct APIMonitorScopeTests {
    static let monitor = "gs-thcs-binh-son"
    static let school = "thcs-binh-son"
    static let crawler = EventSource(kind: .tool, id: "fb-crawler")

    /// An `incident.reported` envelope from the monitor for `unit`, naming `incident`.
    static func report(incident: UUID, unit: UnitID = school, eventID: UUID = UUID()) -> [String: Any] {
        [
            "schema_version": 1,
            "event_id": eventID.canonicalString,
            "type": "incident.reported",
            "incident_id": incident.canonicalString,
            "occurred_at": RFC3339.format(Date()),
            "source": ["kind": "officer", "id": monitor],
            "unit_id": unit,
            "data": [
                "platform": "facebook",
                "urls": ["https://www.facebook.com/groups/1/posts/\(UUID().canonicalString)"],
                "category": "other",
                "severity": "low",
                "subjects": [],
                "summary": "Bài đăng cần kiểm tra",
            ],
        ]
    }

    /// An `incident.updated` envelope from the monitor raising `incident`'s severity.
    static func update(incident: UUID) -> [String: Any] {
        [
            "schema_version": 1,
            "event_id": UUID().canonicalString,
            "type": "incident.updated",
            "incident_id": incident.canonicalString,
            "occurred_at": RFC3339.format(Date()),
            "source": ["kind": "officer", "id": monitor],
            "unit_id": school,
            "data": ["severity": "critical", "summary": "Nội dung đã bị sửa"],
        ]
    }

    /// Seeds an incident at `unit` reported by `source`; returns its id.
    static func seedIncident(_ api: APITestHarness, unit: UnitID = school, by source: EventSource) async throws -> UUID
    {
        let id = UUID()
        try await api.seed([
            StoreFixture.report(incident: id, unit: unit, by: source, at: Date().addingTimeInterval(-60))
        ])
        return id
    }

    @Test(
        "a report naming an existing incident of the monitor's school is refused 400 on incident_id, and nothing is produced"
    )
    func reportCannotJoinAnIncidentByItsID() async throws {
        try await APITestHarness.with { api in
            let token = try await api.token(officer: Self.monitor, scopes: [.report])
            let existing = try await Self.seedIncident(api, by: Self.crawler)
            let response = try await api.request(
                .post,
                "/v1/events",
                token: token,
                json: Self.report(incident: existing)
            )
            #expect(response.status == .badRequest, "\(response.text)")
            #expect(response.problemFields == ["incident_id"], "\(response.text)")
            #expect(response.text.contains("incident_exists"), "\(response.text)")
            #expect(try await api.produced().isEmpty)
        }
    }

    @Test("a report for the monitor's school under another school's incident id is refused 400 on incident_id")
    func reportUnderAnotherSchoolsIncidentIsRefused() async throws {
        try await APITestHarness.with { api in
            let token = try await api.token(officer: Self.monitor, scopes: [.report])
            let foreign = try await Self.seedIncident(api, unit: "thcs-binh-minh", by: Self.crawler)
            #expect(try await api.count("SELECT count(*) FROM incidents WHERE id = \(foreign)") == 1)
            let response = try await api.request(
                .post,
                "/v1/events",
                token: token,
                json: Self.report(incident: foreign)
            )
            #expect(response.status == .badRequest, "\(response.text)")
            #expect(response.problemFields == ["incident_id"], "\(response.text)")
            #expect(try await api.produced().isEmpty)
        }
    }

    @Test("the same report sent again after its incident was stored is answered as the first, not refused")
    func aRetriedReportIsStillAccepted() async throws {
        try await APITestHarness.with { api in
            let token = try await api.token(officer: Self.monitor, scopes: [.report])
            let incident = UUID()
            let body = Self.report(incident: incident)
            let first = try await api.request(.post, "/v1/events", token: token, json: body)
            #expect(first.status == .accepted, "\(first.text)")
            // The worker stores it; the monitor's answer was lost, so the tool sends it again.
            try await api.seed(try await api.producedEvents())
            let again = try await api.request(.post, "/v1/events", token: token, json: body)
            #expect(again.status == .accepted, "\(again.text)")
            #expect(again.json["repeated"] as? Bool == true, "\(again.text)")
        }
    }

    @Test("a report dated more than 7 days before the API receives it is refused 400 on occurred_at; 6 days is fine")
    func reportsCannotBackdateTheTimeline() async throws {
        try await APITestHarness.with { api in
            let token = try await api.token(officer: Self.monitor, scopes: [.report])
            var old = Self.report(incident: UUID())
            old["occurred_at"] = RFC3339.format(Date().addingTimeInterval(-8 * 86_400))
            let refused = try await api.request(.post, "/v1/events", token: token, json: old)
            #expect(refused.status == .badRequest, "\(refused.text)")
            #expect(refused.problemFields == ["occurred_at"], "\(refused.text)")
            var recent = Self.report(incident: UUID())
            recent["occurred_at"] = RFC3339.format(Date().addingTimeInterval(-6 * 86_400))
            let accepted = try await api.request(.post, "/v1/events", token: token, json: recent)
            #expect(accepted.status == .accepted, "\(accepted.text)")
        }
    }

    @Test("a monitor updates the incidents it reported, and no other incident of its school (403)")
    func updatesReachOnlyTheMonitorsOwnReports() async throws {
        try await APITestHarness.with { api in
            let token = try await api.token(officer: Self.monitor, scopes: [.report])
            let others = try await Self.seedIncident(api, by: Self.crawler)
            let refused = try await api.request(.post, "/v1/events", token: token, json: Self.update(incident: others))
            #expect(refused.status == .forbidden, "\(refused.text)")
            #expect(refused.errorCode == "forbidden_incident", "\(refused.text)")
            #expect(try await api.produced().isEmpty)

            let own = try await Self.seedIncident(api, by: EventSource(kind: .officer, id: Self.monitor))
            let allowed = try await api.request(.post, "/v1/events", token: token, json: Self.update(incident: own))
            #expect(allowed.status == .accepted, "\(allowed.text)")
        }
    }
}
