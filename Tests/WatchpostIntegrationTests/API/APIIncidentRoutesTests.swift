import Foundation
import Kafka
import Testing
import WatchpostAPI
import WatchpostCore
import WatchpostStore

/// What the officers' routes answer and what they produce.
@Suite("APIIncidentRoutes", .serialized, .timeLimit(.minutes(5)))
struct APIIncidentRoutesTests {
    @Test func aReportIsSignedAndProducedAndItsRepeatIsAnsweredIdempotently() async throws {
        try await APITestHarness.with { api in
            let cast = try APICast(api.directory)
            let token = try await api.token(officer: cast.officers[.monitor]!.id, scopes: [.report])
            let envelope = APIBadInputTests.report(cast)
            let first = try await api.request(.post, "/v1/events", token: token, json: envelope)
            #expect(first.status == .accepted, "\(first.text)")
            #expect(first.json["event_id"] as? String == envelope["event_id"] as? String)
            #expect(first.json["status"] as? String == "accepted")
            #expect(first.json["repeated"] as? Bool == false)
            #expect(first.headers[.contentType] == "application/json; charset=utf-8")

            let again = try await api.request(.post, "/v1/events", token: token, json: envelope)
            #expect(again.status == .accepted)
            #expect(again.json["repeated"] as? Bool == true)

            var other = envelope
            other["occurred_at"] = RFC3339.format(Date().addingTimeInterval(-60))
            let conflicting = try await api.request(.post, "/v1/events", token: token, json: other)
            #expect(conflicting.status == .conflict)

            let produced = try await api.produced()
            #expect(produced.count == 2)
            #expect(produced.allSatisfy { message in message.headers.contains { $0.key == EventSignature.header } })
            #expect(Set(produced.compactMap(\.key)) == [Array((envelope["incident_id"] as! String).utf8)])
        }
    }

    @Test func myObligationsListTheHeadsOpenObligationsMostUrgentFirstInVietnamTime() async throws {
        try await APITestHarness.with { api in
            let cast = try APICast(api.directory)
            let incident = UUID()
            try await api.seed([
                StoreFixture.report(
                    incident: incident,
                    category: .lawViolationSigns,
                    unit: cast.school.id,
                    at: api.environment.now()
                )
            ])
            let head = try await api.token(officer: cast.officers[.schoolHead]!.id, scopes: [.read])
            let response = try await api.request(.get, "/v1/me/obligations", token: head)
            #expect(response.status == .ok)
            let obligations = try #require(response.json["obligations"] as? [[String: Any]])
            #expect(obligations.count >= 2)
            let due = obligations.compactMap { $0["due_at"] as? String }.compactMap { try? RFC3339.parse($0).get() }
            #expect(due.count == obligations.count)
            #expect(due == due.sorted())
            for obligation in obligations {
                #expect((obligation["due_at_local"] as? String)?.hasSuffix("+07:00") == true)
                #expect((obligation["due_at_text_vi"] as? String)?.contains(" ngày ") == true)
                #expect(((obligation["seconds_left"] as? Int) ?? -1) > 0)
                #expect(!((obligation["legal_basis"] as? String) ?? "").isEmpty)
                #expect((obligation["incident"] as? [String: Any])?["id"] as? String == incident.canonicalString)
            }
            let monitor = try await api.token(officer: cast.officers[.monitor]!.id, scopes: [.read])
            let none = try await api.request(.get, "/v1/me/obligations", token: monitor)
            #expect((none.json["obligations"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func theTimelineShowsTheLinksToOfficersButNotToReadTools() async throws {
        try await APITestHarness.with { api in
            let cast = try APICast(api.directory)
            let incident = UUID()
            let url = "https://www.facebook.com/groups/1/posts/\(UUID().canonicalString)"
            try await api.seed([
                StoreFixture.report(incident: incident, url: url, unit: cast.school.id, at: api.environment.now())
            ])
            let head = try await api.token(officer: cast.officers[.schoolHead]!.id, scopes: [.read])
            let tool = try await api.token(tool: "dashboard", scopes: [.read])

            let forHead = try await api.request(.get, "/v1/incidents/\(incident.canonicalString)", token: head)
            #expect(forHead.status == .ok)
            #expect(forHead.text.contains(url))
            #expect(forHead.json["urls_withheld"] as? Bool == false)
            #expect((forHead.json["events"] as? [Any])?.count == 1)
            #expect(!((forHead.json["obligations"] as? [Any]) ?? []).isEmpty)
            #expect(!((forHead.json["alerts"] as? [Any]) ?? []).isEmpty)

            let forTool = try await api.request(.get, "/v1/incidents/\(incident.canonicalString)", token: tool)
            #expect(forTool.status == .ok)
            #expect(!forTool.text.contains(url))
            #expect(forTool.json["urls_withheld"] as? Bool == true)
        }
    }

    @Test func everyViewOfAnIncidentInvolvingAStudentIsLoggedAndNoOther() async throws {
        try await APITestHarness.with { api in
            let cast = try APICast(api.directory)
            let child = UUID()
            let adult = UUID()
            var adultReport = StoreFixture.report(incident: adult, unit: cast.school.id, at: api.environment.now())
            if case .reported(var report) = adultReport.payload {
                report.subjects = [.teacher]
                adultReport.payload = .reported(report)
            }
            try await api.seed([
                StoreFixture.report(incident: child, unit: cast.school.id, at: api.environment.now()), adultReport,
            ])
            let head = try await api.token(officer: cast.officers[.schoolHead]!.id, scopes: [.read])
            let tool = try await api.token(tool: "dashboard", scopes: [.read])
            for token in [head, head, tool] {
                #expect(
                    try await api.request(.get, "/v1/incidents/\(child.canonicalString)", token: token).status == .ok
                )
                #expect(
                    try await api.request(.get, "/v1/incidents/\(adult.canonicalString)", token: token).status == .ok
                )
            }
            let outsider = try await api.token(
                officer: try #require(api.directory.officers(withRole: .head, in: cast.foreignSchool.id).first).id,
                scopes: [.read]
            )
            #expect(
                try await api.request(.get, "/v1/incidents/\(child.canonicalString)", token: outsider).status
                    == .forbidden
            )

            let views = IncidentViewsProbe(api: api)
            #expect(
                try await views.viewers(of: child) == [
                    "officer:\(cast.officers[.schoolHead]!.id)", "officer:\(cast.officers[.schoolHead]!.id)",
                    "tool:dashboard",
                ]
            )
            #expect(try await views.routes(of: child) == ["GET /v1/incidents/{id}"])
            #expect(try await views.viewers(of: adult).isEmpty)
        }
    }

    @Test func anAcknowledgementBecomesAnEventOfTheIncidentsSchoolAndARetryIsIdempotent() async throws {
        try await APITestHarness.with { api in
            let cast = try APICast(api.directory)
            let incident = UUID()
            try await api.seed([
                StoreFixture.report(incident: incident, unit: cast.school.id, at: api.environment.now())
            ])
            let head = cast.officers[.schoolHead]!
            let token = try await api.token(officer: head.id, scopes: [.act])
            let body: [String: Any] = [
                "note": "Đã gặp giáo viên chủ nhiệm", "event_id": UUID().canonicalString,
                "occurred_at": RFC3339.format(Date()),
            ]
            let first = try await api.request(
                .post,
                "/v1/incidents/\(incident.canonicalString)/acknowledge",
                token: token,
                json: body
            )
            #expect(first.status == .accepted, "\(first.text)")
            #expect(first.json["event_id"] as? String == body["event_id"] as? String)
            let retry = try await api.request(
                .post,
                "/v1/incidents/\(incident.canonicalString)/acknowledge",
                token: token,
                json: body
            )
            #expect(retry.json["repeated"] as? Bool == true)

            let events = try await api.producedEvents()
            #expect(events.count == 2)
            let event = try #require(events.first)
            #expect(event.type == .incidentAcknowledged)
            #expect(event.incidentID == incident)
            #expect(event.unitID == cast.school.id)
            #expect(event.source == EventSource(kind: .officer, id: head.id))
            #expect(event.payload == .acknowledged(IncidentAcknowledged(note: "Đã gặp giáo viên chủ nhiệm")))
        }
    }
}

/// Reads the view log through the store.
struct IncidentViewsProbe {
    let api: APITestHarness

    func viewers(of incident: UUID) async throws -> [String] {
        try await IncidentViews(pool: api.pool).views(of: incident).map(\.viewer)
    }

    func routes(of incident: UUID) async throws -> Set<String> {
        Set(try await IncidentViews(pool: api.pool).views(of: incident).map(\.route))
    }
}
