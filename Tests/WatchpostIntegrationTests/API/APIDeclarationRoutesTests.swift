import Foundation
import Postgres
import Testing
import WatchpostAPI
import WatchpostCore

/// The closures and absences routes (issue 29) as their callers meet them: a declaration made
/// twice is made once, a withdrawal is kept beside it, bad bodies name every field, an
/// overlapping absence is refused with the one in the way, and a delegate must be able to act.
@Suite("APIDeclarationRoutes", .serialized, .timeLimit(.minutes(5)))
struct APIDeclarationRoutesTests {
    /// `first` to `last` days after today, with `reason`.
    static func days(_ today: CivilDay, _ first: Int, _ last: Int, _ reason: String) -> [String: String] {
        [
            "first_day": today.adding(days: first).description, "last_day": today.adding(days: last).description,
            "reason": reason,
        ]
    }

    static func revision(_ api: APITestHarness) async throws -> Int64 {
        try await api.environment.pool.withConnection { connection in
            try await connection.query("SELECT revision FROM declaration_state").first?.decode(Int64.self, at: 0) ?? -1
        }
    }

    @Test func aClosureIsDeclaredOnceListedAndWithdrawnWithItsHistoryKept() async throws {
        try await APITestHarness.with { api in
            let cast = try APICast(api.directory)
            let desk = try await api.token(officer: cast.officers[.authorityDesk]!.id, scopes: [.act, .read])
            let today = CivilDay(api.environment.now())
            let uri = "/v1/units/\(cast.school.id)/closures"
            let body = Self.days(today, 1, 2, "Bão số 15")

            let declared = try await api.request(.post, uri, token: desk, json: body)
            #expect(declared.status == .created, "\(declared.text)")
            let id = try #require(declared.json["id"] as? String)
            #expect(declared.json["in_force"] as? Bool == true)
            #expect(declared.json["declared_by"] as? String == "officer:\(cast.officers[.authorityDesk]!.id)")

            let again = try await api.request(.post, uri, token: desk, json: body)
            #expect(again.status == .ok)
            #expect(again.json["id"] as? String == id)
            #expect(try await Self.revision(api) == 1, "a repeated declaration is not a new revision")

            let withdrawn = try await api.request(.delete, "\(uri)/\(id)", token: desk)
            #expect(withdrawn.status == .ok)
            #expect(withdrawn.json["in_force"] as? Bool == false)
            let withdrawnAt = try #require(withdrawn.json["withdrawn_at"] as? String)
            let twice = try await api.request(.delete, "\(uri)/\(id)", token: desk)
            #expect(twice.status == .ok)
            #expect(twice.json["withdrawn_at"] as? String == withdrawnAt)
            #expect(try await Self.revision(api) == 2)

            let listed = try await api.request(.get, uri, token: desk)
            let entries = listed.json["declarations"] as? [[String: Any]] ?? []
            #expect(entries.map { $0["id"] as? String } == [id])
            #expect(entries.first?["in_force"] as? Bool == false)

            // The id of one unit's closure does not withdraw through another unit's address.
            let other = try await api.request(.post, uri, token: desk, json: Self.days(today, 3, 3, "Dịch bệnh"))
            let otherID = try #require(other.json["id"] as? String)
            let elsewhere = try #require(
                api.directory.schools.first { $0.parent == cast.school.parent && $0.id != cast.school.id }
            )
            let wrongAddress = try await api.request(
                .delete,
                "/v1/units/\(elsewhere.id)/closures/\(otherID)",
                token: desk
            )
            #expect(wrongAddress.status == .notFound)
        }
    }

    @Test func badDeclarationsNameEveryFieldAndChangeNothing() async throws {
        try await APITestHarness.with { api in
            let cast = try APICast(api.directory)
            let desk = try await api.token(officer: cast.officers[.authorityDesk]!.id, scopes: [.act])
            let today = CivilDay(api.environment.now())
            let uri = "/v1/units/\(cast.school.id)/closures"

            let backwards = try await api.request(
                .post,
                uri,
                token: desk,
                json: [
                    "first_day": "2026-13-01", "last_day": today.adding(days: -3).description, "reason": " ", "x": "1",
                ]
            )
            #expect(backwards.status == .badRequest)
            #expect(Set(backwards.problemFields) == ["first_day", "last_day", "reason", "x"], "\(backwards.text)")

            let reversed = try await api.request(.post, uri, token: desk, json: Self.days(today, 5, 2, "Bão"))
            #expect(reversed.problemFields == ["last_day"])

            let absences = "/v1/officers/\(cast.officers[.schoolHead]!.id)/absences"
            var foreignDelegate = Self.days(today, 1, 2, "Nghỉ phép")
            foreignDelegate["delegate"] = cast.officers[.authorityDesk]!.id
            let refused = try await api.request(.post, absences, token: desk, json: foreignDelegate)
            #expect(refused.status == .badRequest)
            #expect(refused.problemFields == ["delegate"], "\(refused.text)")
            #expect(try await Self.revision(api) == 0)
        }
    }

    @Test func anOfficerRecordsTheirOwnLeaveAndAnOverlappingOneIsRefusedNamingIt() async throws {
        try await APITestHarness.with { api in
            let cast = try APICast(api.directory)
            let head = cast.officers[.schoolHead]!
            let token = try await api.token(officer: head.id, scopes: [.act, .read])
            let today = CivilDay(api.environment.now())
            let uri = "/v1/officers/\(head.id)/absences"
            var leave = Self.days(today, 1, 5, "Nghỉ phép năm")
            leave["delegate"] = cast.officers[.schoolDeputy]!.id

            let recorded = try await api.request(.post, uri, token: token, json: leave)
            #expect(recorded.status == .created, "\(recorded.text)")
            #expect(recorded.json["delegate"] as? String == cast.officers[.schoolDeputy]!.id)
            let id = try #require(recorded.json["id"] as? String)

            let overlapping = try await api.request(.post, uri, token: token, json: Self.days(today, 4, 8, "Công tác"))
            #expect(overlapping.status == .conflict)
            #expect(overlapping.errorCode == "absence_overlaps")
            #expect((overlapping.json["message"] as? String)?.contains(id) == true)

            // Another officer of the school may not record the head's leave.
            let deputy = try await api.token(officer: cast.officers[.schoolDeputy]!.id, scopes: [.act])
            let notTheirs = try await api.request(.post, uri, token: deputy, json: Self.days(today, 10, 11, "Nghỉ"))
            #expect(notTheirs.status == .forbidden)
            #expect(notTheirs.errorCode == "forbidden_declaration")
            #expect(try await Self.revision(api) == 1)
        }
    }

    @Test func anAuthorityNamesItsDutyOfficerWhoMustBeOneOfItsOwn() async throws {
        try await APITestHarness.with { api in
            let cast = try APICast(api.directory)
            let desk = cast.officers[.authorityDesk]!
            let token = try await api.token(officer: desk.id, scopes: [.act, .read])
            let today = CivilDay(api.environment.now())
            let uri = "/v1/units/\(desk.unit)/duty"

            let missing = try await api.request(.post, uri, token: token, json: Self.days(today, 1, 1, "Trực Tết"))
            #expect(missing.status == .badRequest)
            #expect(missing.problemFields == ["officer"])

            var principal = Self.days(today, 1, 1, "Trực Tết")
            principal["officer"] = cast.officers[.schoolHead]!.id
            let notTheirs = try await api.request(.post, uri, token: token, json: principal)
            #expect(notTheirs.status == .badRequest)
            #expect(notTheirs.problemFields == ["officer"], "a school's head is not on the authority's roster")

            var named = Self.days(today, 1, 3, "Trực Tết")
            named["officer"] = desk.id
            let created = try await api.request(.post, uri, token: token, json: named)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.json["kind"] as? String == "duty")
            #expect(created.json["officer_id"] as? String == desk.id)
            #expect(created.json["unit_id"] as? String == desk.unit)
            let listed = try await api.request(.get, uri, token: token)
            #expect((listed.json["declarations"] as? [[String: Any]])?.count == 1)
        }
    }
}
