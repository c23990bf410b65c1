import Foundation
import HTTPTypes
import Testing
import WatchpostAPI
import WatchpostCore

/// Related incidents (issue 30): a worker relates a report of the same post at another school
/// by itself; the authority's staff relate and unrelate by hand, keeping the history; a school's
/// head may not, and sees only what they may open.
@Suite("Related incidents", .serialized, .timeLimit(.minutes(5)))
struct RelatedIncidentsTests {
    static let authorityHead: OfficerID = "tp-vhxh-binh-son"
    static let otherSchool: UnitID = "thcs-binh-chanh"

    /// Seeds a report at `unit` about `url` and returns the incident's id.
    static func report(_ api: APITestHarness, at unit: UnitID, url: String) async throws -> UUID {
        let id = UUID()
        try await api.seed([
            StoreFixture.report(incident: id, url: url, unit: unit, at: Date().addingTimeInterval(-60))
        ])
        return id
    }

    static func related(_ response: APIResponse) -> [[String: any Sendable]] {
        (response.json["related"] as? [[String: any Sendable]]) ?? []
    }

    @Test("a report of the same post at another school is related to the open incident by the worker")
    func samePostAtAnotherSchoolIsRelated() async throws {
        try await APITestHarness.with { api in
            let url = "https://www.facebook.com/share/p/tin-don-\(UUID().uuidString.prefix(8))"
            let first = try await Self.report(api, at: StoreFixture.school, url: url)
            let second = try await Self.report(api, at: Self.otherSchool, url: url)
            let unrelated = try await Self.report(api, at: Self.otherSchool, url: url + "-khac")
            let token = try await api.token(officer: Self.authorityHead, scopes: [.read])
            let detail = try await api.request(.get, "/v1/incidents/\(first.canonicalString)", token: token)
            #expect(detail.status == .ok, "\(detail.text)")
            let related = Self.related(detail)
            #expect(related.map { $0["id"] as? String } == [second.canonicalString])
            #expect(related.first?["reason"] as? String == "same_content")
            #expect(related.first?["unit_id"] as? String == Self.otherSchool)
            #expect(related.first?["related_by"] == nil)
            let other = try await api.request(.get, "/v1/incidents/\(unrelated.canonicalString)", token: token)
            #expect(Self.related(other).isEmpty)
            // The page lists it, with its school and why.
            let session = try await api.signIn(Self.authorityHead)
            let page = try await api.getPage("/incidents/\(first.canonicalString)", cookie: session.cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains("Sự việc liên quan"))
            #expect(page.text.contains("href=\"/incidents/\(second.canonicalString)\">Trường THCS Bình Chánh</a>"))
            #expect(page.text.contains("cùng bài đăng"))
            // The head of the first school may not open the other school's incident, so sees no relation.
            let head = try await api.token(officer: APITestHarness.head, scopes: [.read])
            let own = try await api.request(.get, "/v1/incidents/\(first.canonicalString)", token: head)
            #expect(own.status == .ok)
            #expect(Self.related(own).isEmpty)
        }
    }

    @Test("the authority relates and unrelates by hand, once each, keeping the history")
    func theAuthorityRelatesAndUnrelates() async throws {
        try await APITestHarness.with { api in
            let first = try await Self.report(api, at: StoreFixture.school, url: "https://tiktok.com/@a/video/1")
            let second = try await Self.report(api, at: Self.otherSchool, url: "https://tiktok.com/@b/video/2")
            let token = try await api.token(officer: Self.authorityHead, scopes: [.read, .act])
            let path = "/v1/incidents/\(first.canonicalString)/related"
            let body: [String: String] = ["incident": second.canonicalString, "note": "Cùng một tin đồn"]
            let related = try await api.request(.post, path, token: token, json: body)
            #expect(related.status == .ok, "\(related.text)")
            #expect(related.json["changed"] as? Bool == true)
            let entry = try #require(Self.related(related).first)
            #expect(entry["reason"] as? String == "manual")
            #expect(entry["note"] as? String == "Cùng một tin đồn")
            #expect(entry["related_by"] as? String == Self.authorityHead)
            let again = try await api.request(.post, path, token: token, json: body)
            #expect(again.json["changed"] as? Bool == false)
            // Seen from the other side too.
            let reverse = try await api.request(.get, "/v1/incidents/\(second.canonicalString)", token: token)
            #expect(Self.related(reverse).map { $0["id"] as? String } == [first.canonicalString])

            let unrelated = try await api.request(.delete, "\(path)/\(second.canonicalString)", token: token)
            #expect(unrelated.json["changed"] as? Bool == true)
            #expect(Self.related(unrelated).isEmpty)
            let twice = try await api.request(.delete, "\(path)/\(second.canonicalString)", token: token)
            #expect(twice.json["changed"] as? Bool == false)
            #expect(
                try await api.count(
                    "SELECT count(*) FROM incident_links WHERE removed_by = \(Self.authorityHead) AND removed_at IS NOT NULL"
                ) == 1
            )
        }
    }

    @Test("a school's head may not relate, a bad body names its fields, and an unknown incident is 404")
    func refusals() async throws {
        try await APITestHarness.with { api in
            let first = try await Self.report(api, at: StoreFixture.school, url: "https://tiktok.com/@a/video/3")
            let second = try await Self.report(api, at: StoreFixture.school, url: "https://tiktok.com/@a/video/4")
            let path = "/v1/incidents/\(first.canonicalString)/related"
            let head = try await api.token(officer: APITestHarness.head, scopes: [.read, .act])
            let refused = try await api.request(.post, path, token: head, json: ["incident": second.canonicalString])
            #expect(refused.status == .forbidden)
            #expect(refused.errorCode == "forbidden_relation")
            let staff = try await api.token(officer: Self.authorityHead, scopes: [.read, .act])
            let itself = try await api.request(.post, path, token: staff, json: ["incident": first.canonicalString])
            #expect(itself.status == .badRequest)
            #expect(itself.problemFields == ["incident"])
            let garbled = try await api.request(.post, path, token: staff, json: ["incident": "x", "colour": "red"])
            #expect(Set(garbled.problemFields) == ["incident", "colour"])
            let missing = try await api.request(.post, path, token: staff, json: ["incident": UUID().canonicalString])
            #expect(missing.status == .notFound)
            #expect(try await api.count("SELECT count(*) FROM incident_links") == 0)
        }
    }
}
