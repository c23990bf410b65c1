import Foundation
import HTTPTypes
import Testing
import WatchpostAPI
import WatchpostCore
import WatchpostTestSupport

/// The incident page's forms to relate, unrelate, merge and unmerge (issue 30, D60), posted from a
/// signed-in session with its CSRF token as a browser posts them, and applied by a running worker.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct WebMergePageTests {
    static let staff = MergeIncidentsTests.authorityHead

    @Test func theAuthorityRelatesUnrelatesMergesAndUnmergesFromTheIncidentPage() async throws {
        try await MergeIncidentsTests.withWorker { api in
            let (survivor, duplicate) = try await MergeIncidentsTests.pair(api)
            let (a, b) = (survivor.canonicalString, duplicate.canonicalString)
            let session = try await api.signIn(Self.staff)
            let page = try await api.getPage("/incidents/\(b)", cookie: session.cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains("action=\"/incidents/\(b)/related\""))
            #expect(page.text.contains("action=\"/incidents/\(b)/merge\""))
            #expect(page.text.contains("<option value=\"\(a)\">"), "the survivor is offered")
            #expect(WebHTML.text(page.text).contains("Gộp vào sự việc khác (sự việc này là bản trùng)"))

            // Without the session's CSRF token nothing is related.
            let forged = try await api.postForm("/incidents/\(b)/related", [("incident", a)], cookie: session.cookie)
            #expect(forged.status == .forbidden)
            #expect(try await api.count("SELECT count(*) FROM incident_links") == 0)

            // The address of the other incident's page names it.
            let related = try await api.postForm(
                "/incidents/\(b)/related",
                [
                    ("incident", "https://watchpost.test/incidents/\(a)"), ("note", "Cùng tin đồn"),
                    ("csrf", session.csrf),
                ],
                cookie: session.cookie
            )
            #expect(related.status == .seeOther, "\(related.text)")
            #expect(related.headers[.location] == "/incidents/\(b)?done=related")
            #expect(try await api.count("SELECT count(*) FROM incident_links WHERE removed_at IS NULL") == 1)
            let listed = try await api.getPage("/incidents/\(b)?done=related", cookie: session.cookie)
            #expect(WebHTML.text(listed.text).contains("Đã liên kết hai sự việc."))
            #expect(listed.text.contains("action=\"/incidents/\(b)/related/\(a)/remove\""))
            let unrelated = try await api.postForm(
                "/incidents/\(b)/related/\(a)/remove",
                [("csrf", session.csrf)],
                cookie: session.cookie
            )
            #expect(unrelated.status == .seeOther)
            #expect(
                try await api.count(
                    "SELECT count(*) FROM incident_links WHERE removed_by = \(Self.staff) AND removed_at IS NOT NULL"
                ) == 1
            )

            let merged = try await api.postForm(
                "/incidents/\(b)/merge",
                [("into", a), ("note", "Trùng"), ("csrf", session.csrf)],
                cookie: session.cookie
            )
            #expect(merged.status == .seeOther, "\(merged.text)")
            #expect(merged.headers[.location] == "/incidents/\(b)?done=merged")
            try await waitUntil("the worker merges the duplicate") {
                try await MergeIncidentsTests.status(api, duplicate) == "merged"
            }
            let shown = try await api.getPage("/incidents/\(b)", cookie: session.cookie)
            #expect(WebHTML.text(shown.text).contains("Đã gộp vào sự việc"))
            #expect(shown.text.contains("href=\"/incidents/\(a)\""))
            #expect(shown.text.contains("action=\"/incidents/\(b)/unmerge\""))
            #expect(!shown.text.contains("action=\"/incidents/\(b)/merge\""))
            #expect(!shown.text.contains("action=\"/incidents/\(b)/acknowledge\""), "closed to other actions")
            #expect(WebHTML.text(shown.text).contains("Kết thúc do gộp sự việc"), "its obligations say why they ended")
            let carrying = try await api.getPage("/incidents/\(a)", cookie: session.cookie)
            #expect(WebHTML.text(carrying.text).contains("Sự việc đã gộp vào đây"))
            #expect(carrying.text.contains("href=\"/incidents/\(b)\""))

            let unmerged = try await api.postForm(
                "/incidents/\(b)/unmerge",
                [("note", "Hai sự việc khác nhau"), ("csrf", session.csrf)],
                cookie: session.cookie
            )
            #expect(unmerged.status == .seeOther, "\(unmerged.text)")
            try await waitUntil("the worker unmerges the duplicate") {
                try await MergeIncidentsTests.status(api, duplicate) == "reported"
            }
            let alone = try await api.getPage("/incidents/\(b)", cookie: session.cookie)
            #expect(!WebHTML.text(alone.text).contains("Đã gộp vào sự việc"))
            #expect(alone.text.contains("action=\"/incidents/\(b)/acknowledge\""))
        }
    }

    @Test func aDeputyGetsNoMergeFormAndIsRefusedWhenPostingOne() async throws {
        try await APITestHarness.with { api in
            let (survivor, duplicate) = try await MergeIncidentsTests.pair(api)
            let session = try await api.signIn("pht-thcs-binh-son")
            let b = duplicate.canonicalString
            let page = try await api.getPage("/incidents/\(b)", cookie: session.cookie)
            #expect(page.status == .ok)
            #expect(!page.text.contains("action=\"/incidents/\(b)/merge\""))
            #expect(!page.text.contains("action=\"/incidents/\(b)/related\""))
            let refused = try await api.postForm(
                "/incidents/\(b)/merge",
                [("into", survivor.canonicalString), ("csrf", session.csrf)],
                cookie: session.cookie
            )
            #expect(refused.status == .forbidden)
            #expect(WebHTML.text(refused.text).contains("Chỉ cán bộ của cơ quan quản lý phụ trách"))
            let relating = try await api.postForm(
                "/incidents/\(b)/related",
                [("incident", survivor.canonicalString), ("csrf", session.csrf)],
                cookie: session.cookie
            )
            #expect(relating.status == .forbidden)
            #expect(try await api.produced().isEmpty)
            #expect(try await api.count("SELECT count(*) FROM incident_links") == 0)
        }
    }

    @Test func theSchoolsHeadMayMergeTwoIncidentsOfTheSchoolButNotRelateThem() async throws {
        try await APITestHarness.with { api in
            let (survivor, duplicate) = try await MergeIncidentsTests.pair(api)
            let session = try await api.signIn(APITestHarness.head)
            let b = duplicate.canonicalString
            let page = try await api.getPage("/incidents/\(b)", cookie: session.cookie)
            #expect(page.text.contains("action=\"/incidents/\(b)/merge\""))
            #expect(!page.text.contains("action=\"/incidents/\(b)/related\""))
            let empty = try await api.postForm(
                "/incidents/\(b)/merge",
                [("into", ""), ("csrf", session.csrf)],
                cookie: session.cookie
            )
            #expect(empty.status == .badRequest, "the form comes back with the field's problem")
            #expect(empty.text.contains("aria-invalid"))
            let merged = try await api.postForm(
                "/incidents/\(b)/merge",
                [("into", survivor.canonicalString), ("csrf", session.csrf)],
                cookie: session.cookie
            )
            #expect(merged.status == .seeOther, "\(merged.text)")
            #expect(try await api.producedEvents().map(\.type) == [.incidentMerged])
        }
    }
}
