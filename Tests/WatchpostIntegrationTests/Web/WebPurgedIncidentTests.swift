import Foundation
import Testing
import WatchpostCore
import WatchpostStore

/// An incident purged under the retention policy says so, on its page and in its JSON, instead
/// of showing an empty description and no links.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct WebPurgedIncidentTests {
    /// Seeds a resolved incident involving a student and purges it as of 400 days later; returns
    /// the incident and the purge's instant.
    static func purgedIncident(_ api: APITestHarness) async throws -> (id: UUID, purgedAt: Date) {
        let incident = try await WebPageTests.seedReport(api, school: WebScenario.school, subjects: [.student])
        let resolvedAt = Date()
        try await api.seed(
            [
                Event(
                    eventID: UUID(),
                    incidentID: incident,
                    occurredAt: resolvedAt,
                    source: EventSource(kind: .officer, id: WebScenario.principal),
                    unitID: WebScenario.school,
                    payload: .resolved(IncidentResolved(note: "Đã gỡ bài"))
                )
            ],
            now: resolvedAt
        )
        let period = try #require(api.environment.policy.retention).studentIncidentDetails
        let purgedAt = resolvedAt.addingTimeInterval(400 * 86_400)
        let run = try await RetentionStore(pool: api.pool, logger: APITestHarness.logger).purge(
            period: period,
            now: purgedAt,
            trigger: .cli,
            runBy: "cli:test@localhost"
        )
        #expect(run?.counts.incidents == 1)
        return (incident, purgedAt)
    }

    @Test func purgedIncidentPageSaysTheDetailsWereRemovedOnThatDay() async throws {
        try await APITestHarness.with { api in
            let (incident, purgedAt) = try await Self.purgedIncident(api)
            let token = try await api.token(officer: WebScenario.principal, scopes: [.read])

            let response = try await api.request(.get, "/incidents/\(incident.canonicalString)", token: token)

            #expect(response.status == .ok)
            let text = WebHTML.text(response.text)
            let day = LocalTime.formatDay(purgedAt, locale: .vi)
            #expect(
                text.contains(
                    "Nội dung chi tiết (mô tả, đường dẫn, bằng chứng) đã được xoá theo thời hạn lưu trữ ngày \(day)"
                ),
                "\(text)"
            )
            #expect(!response.text.contains("<dt>Mô tả</dt>"))
            #expect(!response.text.contains("facebook.com"))
        }
    }

    @Test func purgedIncidentJSONHasPurgedAtAndLeavesOutTheRemovedFields() async throws {
        try await APITestHarness.with { api in
            let (incident, purgedAt) = try await Self.purgedIncident(api)
            let token = try await api.token(officer: WebScenario.principal, scopes: [.read])

            let response = try await api.request(.get, "/v1/incidents/\(incident.canonicalString)", token: token)

            #expect(response.status == .ok)
            let object = try #require(response.json["incident"] as? [String: any Sendable])
            let stamp = try #require(object["purged_at"] as? String)
            let parsed = try RFC3339.parse(stamp).get()
            #expect(abs(parsed.timeIntervalSince(purgedAt)) < 1)
            #expect(object["summary"] == nil && object["urls"] == nil)
            let evidence = try #require(response.json["evidence"] as? [[String: any Sendable]])
            #expect(!evidence.isEmpty && evidence.allSatisfy { $0["summary"] == nil && $0["urls"] == nil })
        }
    }

    @Test func incidentNotPurgedHasNoPurgedAt() async throws {
        try await APITestHarness.with { api in
            let incident = try await WebPageTests.seedReport(api, school: WebScenario.school, subjects: [.student])
            let token = try await api.token(officer: WebScenario.principal, scopes: [.read])
            let response = try await api.request(.get, "/v1/incidents/\(incident.canonicalString)", token: token)
            let object = try #require(response.json["incident"] as? [String: any Sendable])
            #expect(object["purged_at"] == nil)
            #expect(object["summary"] as? String == "Bài đăng sai sự thật.")
        }
    }
}
