import Foundation
import HTTPTypes
import Logging
import Postgres
import Testing
import WatchpostAPI
import WatchpostCore
import WatchpostStore
import WatchpostTestSupport

/// Merging duplicates (issue 30, D60) end to end: the API publishes `incident.merged` and
/// `incident.unmerged` onto the embedded broker, a running worker applies them to PostgreSQL,
/// and the obligations, deliveries and history of both incidents are read back.
@Suite("Merging incidents", .serialized, .timeLimit(.minutes(5)))
struct MergeIncidentsTests {
    static let authorityHead: OfficerID = "tp-vhxh-binh-son"
    static let school = StoreFixture.school

    /// The API with one in-process worker applying what it publishes, while `body` runs.
    static func withWorker(_ body: @Sendable (APITestHarness) async throws -> Void) async throws {
        try await APITestHarness.with { api in
            let settings = PipelineInProcessWorker.settings(broker: api.broker, database: api.database)
            try await PipelineInProcessWorker.with(1, settings: settings) { _ in try await body(api) }
        }
    }

    /// Seeds an `other` incident (the survivor) and a law-violation one (the duplicate) at the
    /// school, reported a minute ago, and returns their ids.
    static func pair(_ api: APITestHarness) async throws -> (survivor: UUID, duplicate: UUID) {
        let survivor = UUID()
        let duplicate = UUID()
        let seen = Date().addingTimeInterval(-60)
        try await api.seed([
            StoreFixture.report(incident: survivor, category: .other, at: seen),
            StoreFixture.report(incident: duplicate, category: .lawViolationSigns, severity: .high, at: seen),
        ])
        return (survivor, duplicate)
    }

    static func merge(_ api: APITestHarness, _ duplicate: UUID, into survivor: UUID, token: String) async throws
        -> APIResponse
    {
        try await api.request(
            .post,
            "/v1/incidents/\(duplicate.canonicalString)/merge",
            token: token,
            json: ["into": survivor.canonicalString, "note": "Cùng một bài đăng, báo cáo hai lần"]
        )
    }

    static func status(_ api: APITestHarness, _ incident: UUID) async throws -> String? {
        try await api.rows("SELECT status FROM incidents WHERE id = \(incident)").first?.decode(String.self, at: 0)
    }

    static func eventID(_ response: APIResponse) throws -> UUID {
        try #require((response.json["event_id"] as? String).flatMap(UUID.init(uuidString:)), "\(response.text)")
    }

    /// The duplicate's deliveries: pending ones other than merge notices, cancelled ones, and
    /// pending merge notices.
    static func deliveries(_ api: APITestHarness, _ incident: UUID) async throws -> (
        pending: Int, cancelled: Int, notices: Int
    ) {
        let row = try #require(
            try await api.rows(
                """
                SELECT count(*) FILTER (WHERE d.status = 'pending' AND a.template <> 'incident.merged'),
                       count(*) FILTER (WHERE d.status = 'cancelled'),
                       count(*) FILTER (WHERE d.status = 'pending' AND a.template = 'incident.merged')
                FROM alerts a JOIN deliveries d ON d.alert_id = a.id WHERE a.incident_id = \(incident)
                """
            ).first
        )
        return (try row.decode(Int.self, at: 0), try row.decode(Int.self, at: 1), try row.decode(Int.self, at: 2))
    }

    @Test(
        "merging closes the duplicate's obligations, never to escalate, stops its alerts, and the survivor gains what it lacked"
    )
    func mergingClosesTheDuplicatesObligationsAndTheSurvivorGainsWhatItLacked() async throws {
        try await APITestHarness.with { api in
            let (survivor, duplicate) = try await Self.pair(api)
            let settings = PipelineInProcessWorker.settings(broker: api.broker, database: api.database)
            try await PipelineInProcessWorker.with(1, settings: settings) { _ in
                #expect(
                    try await api.count(
                        "SELECT count(*) FROM obligations WHERE incident_id = \(duplicate) AND status = 'open'"
                    ) == 4
                )
                let waiting = try await Self.deliveries(api, duplicate)
                #expect(waiting.pending > 0 && waiting.cancelled == 0)
                let token = try await api.token(officer: Self.authorityHead, scopes: [.read, .act])
                let response = try await Self.merge(api, duplicate, into: survivor, token: token)
                #expect(response.status == .accepted, "\(response.text)")
                let merge = try Self.eventID(response)
                try await waitUntil("the worker merges the duplicate") {
                    try await Self.status(api, duplicate) == "merged"
                }

                // What the duplicate owed is closed by the merge, at level 0.
                #expect(
                    try await api.count(
                        """
                        SELECT count(*) FROM obligations WHERE incident_id = \(duplicate) AND status = 'cancelled'
                          AND closed_by_event_id = \(merge) AND level = 0 AND next_reminder_at IS NULL
                        """
                    ) == 4
                )
                #expect(
                    try await api.count(
                        "SELECT count(*) FROM obligations WHERE incident_id = \(duplicate) AND status = 'open'"
                    ) == 0
                )
                // Its pending alerts are cancelled; its people are told it was merged.
                let after = try await Self.deliveries(api, duplicate)
                #expect(after.pending == 0)
                #expect(after.cancelled == waiting.pending)
                #expect(after.notices > 0)

                // The survivor keeps its acknowledgement and owes what the law violation calls for.
                let survivorRow = try #require(
                    try await api.rows("SELECT status, category, severity FROM incidents WHERE id = \(survivor)").first
                )
                #expect(try survivorRow.decode(String.self, at: 0) == "reported")
                #expect(try survivorRow.decode(String.self, at: 1) == "law_violation_signs")
                #expect(try survivorRow.decode(String.self, at: 2) == "high")
                let gained = try await api.rows(
                    """
                    SELECT kind FROM obligations
                    WHERE incident_id = \(survivor) AND status = 'open' AND opened_by_event_id = \(merge) ORDER BY kind
                    """
                ).map { try $0.decode(String.self, at: 0) }
                #expect(gained == ["notify_police", "publish_correction", "take_down"])
                #expect(
                    try await api.count(
                        """
                        SELECT count(*) FROM obligations
                        WHERE incident_id = \(survivor) AND kind = 'acknowledge' AND status = 'open'
                          AND opened_by_event_id <> \(merge)
                        """
                    ) == 1
                )
                #expect(
                    try await api.count("SELECT count(*) FROM incident_evidence WHERE incident_id = \(survivor)") == 2
                )

                // The history: the event, the record, and the detail of both incidents.
                #expect(
                    try await api.count(
                        """
                        SELECT count(*) FROM events
                        WHERE event_id = \(merge) AND type = 'incident.merged' AND outcome = 'applied'
                        """
                    ) == 1
                )
                #expect(
                    try await api.count(
                        """
                        SELECT count(*) FROM incident_merges
                        WHERE merge_event_id = \(merge) AND duplicate_id = \(duplicate) AND survivor_id = \(survivor)
                          AND merged_by = \(Self.authorityHead) AND unmerged_at IS NULL
                        """
                    ) == 1
                )
                let detail = try await api.request(.get, "/v1/incidents/\(duplicate.canonicalString)", token: token)
                let incident = try #require(detail.json["incident"] as? [String: any Sendable])
                #expect(incident["status"] as? String == "merged")
                #expect(incident["merged_into"] as? String == survivor.canonicalString)
                let merges = try #require(detail.json["merges"] as? [[String: any Sendable]])
                #expect(merges.map { $0["survivor_id"] as? String } == [survivor.canonicalString])
                let survivorDetail = try await api.request(
                    .get,
                    "/v1/incidents/\(survivor.canonicalString)",
                    token: token
                )
                let events = (survivorDetail.json["events"] as? [[String: any Sendable]]) ?? []
                #expect(events.contains { $0["type"] as? String == "incident.merged" })
            }
            // Past every deadline, the enforcer claims the survivor's obligations and none of the
            // duplicate's: they were closed, not missed.
            let deadlines = DeadlineStore(
                pool: api.pool,
                directory: api.directory,
                policy: api.environment.policy,
                logger: Logger(label: "test.merge")
            )
            let due = try await deadlines.escalateDue(
                now: Date().addingTimeInterval(30 * 86_400),
                limit: 1_000,
                topic: PipelineBroker.eventsTopic
            )
            #expect(!due.events.isEmpty)
            #expect(due.events.allSatisfy { $0.incidentID == survivor })
        }
    }

    @Test(
        "unmerging owes the duplicate's obligations again from then, the survivor keeps its own, and the history stays"
    )
    func unmergingOwesTheDuplicatesObligationsAgainAndKeepsTheHistory() async throws {
        try await Self.withWorker { api in
            let (survivor, duplicate) = try await Self.pair(api)
            let token = try await api.token(officer: Self.authorityHead, scopes: [.read, .act])
            let merge = try Self.eventID(try await Self.merge(api, duplicate, into: survivor, token: token))
            try await waitUntil("the worker merges the duplicate") { try await Self.status(api, duplicate) == "merged" }
            let survivorOwes = try await api.count(
                "SELECT count(*) FROM obligations WHERE incident_id = \(survivor) AND status = 'open'"
            )

            let response = try await api.request(
                .post,
                "/v1/incidents/\(duplicate.canonicalString)/unmerge",
                token: token,
                json: ["note": "Hai sự việc khác nhau"]
            )
            #expect(response.status == .accepted, "\(response.text)")
            let unmerge = try Self.eventID(response)
            try await waitUntil("the worker unmerges the duplicate") {
                try await Self.status(api, duplicate) == "reported"
            }
            #expect(
                try await api.count("SELECT reopen_count FROM incidents WHERE id = \(duplicate)") == 1
            )
            let owedAgain = try await api.rows(
                """
                SELECT kind FROM obligations
                WHERE incident_id = \(duplicate) AND status = 'open' AND opened_by_event_id = \(unmerge) ORDER BY kind
                """
            ).map { try $0.decode(String.self, at: 0) }
            #expect(owedAgain == ["acknowledge", "notify_police", "publish_correction", "take_down"])
            #expect(
                try await api.count(
                    """
                    SELECT count(*) FROM obligations
                    WHERE incident_id = \(duplicate) AND status = 'cancelled' AND closed_by_event_id = \(merge)
                    """
                ) == 4,
                "the obligations the merge closed stay closed, on record"
            )
            #expect(
                try await api.count(
                    "SELECT count(*) FROM obligations WHERE incident_id = \(survivor) AND status = 'open'"
                ) == survivorOwes
            )
            // No merged incident owes anything, and no incident owes one kind twice to one owner.
            #expect(
                try await api.count(
                    """
                    SELECT count(*) FROM incidents i JOIN obligations o ON o.incident_id = i.id
                    WHERE i.status = 'merged' AND o.status = 'open'
                    """
                ) == 0
            )
            #expect(
                try await api.count(
                    """
                    SELECT count(*) FROM (SELECT incident_id, kind, owner_relation FROM obligations WHERE status = 'open'
                                          GROUP BY 1, 2, 3 HAVING count(*) > 1) twice
                    """
                ) == 0
            )
            #expect(
                try await api.count(
                    """
                    SELECT count(*) FROM incident_merges
                    WHERE merge_event_id = \(merge) AND unmerge_event_id = \(unmerge)
                      AND unmerged_by = \(Self.authorityHead) AND unmerged_at IS NOT NULL
                    """
                ) == 1
            )
            #expect(
                try await api.count(
                    """
                    SELECT count(*) FROM events
                    WHERE event_id IN (\(merge), \(unmerge)) AND outcome = 'applied'
                    """
                ) == 2
            )
            let detail = try await api.request(.get, "/v1/incidents/\(survivor.canonicalString)", token: token)
            let merges = try #require(detail.json["merges"] as? [[String: any Sendable]])
            #expect(merges.count == 1 && merges.first?["unmerged_by"] as? String == Self.authorityHead)

            // Merged again, it is a second merge beside the first.
            let again = try await Self.merge(api, duplicate, into: survivor, token: token)
            #expect(again.status == .accepted, "\(again.text)")
            try await waitUntil("the worker merges the duplicate again") {
                try await Self.status(api, duplicate) == "merged"
            }
            #expect(try await api.count("SELECT count(*) FROM incident_merges WHERE duplicate_id = \(duplicate)") == 2)
        }
    }

    @Test("a merge sent twice is stored and applied once; another merge of a merged incident changes nothing")
    func aMergeSentTwiceIsAppliedOnce() async throws {
        try await Self.withWorker { api in
            let (survivor, duplicate) = try await Self.pair(api)
            let token = try await api.token(officer: Self.authorityHead, scopes: [.read, .act])
            let merge = UUID()
            let body: [String: String] = [
                "into": survivor.canonicalString, "event_id": merge.canonicalString,
                "occurred_at": RFC3339.format(Date()),
            ]
            let path = "/v1/incidents/\(duplicate.canonicalString)/merge"
            let first = try await api.request(.post, path, token: token, json: body)
            #expect(first.status == .accepted, "\(first.text)")
            let second = try await api.request(.post, path, token: token, json: body)
            #expect(second.status == .accepted, "\(second.text)")
            #expect(second.json["repeated"] as? Bool == true)
            // The one partition is read in order: once a later event is applied, both copies were read.
            let head = try await api.token(officer: APITestHarness.head, scopes: [.read, .act])
            let later = try await api.request(
                .post,
                "/v1/incidents/\(survivor.canonicalString)/acknowledge",
                token: head,
                json: [String: String]()
            )
            #expect(later.status == .accepted, "\(later.text)")
            let acknowledgement = try Self.eventID(later)
            try await waitUntil("the worker applies the acknowledgement after both copies") {
                try await api.count("SELECT count(*) FROM events WHERE event_id = \(acknowledgement)") == 1
            }
            #expect(try await api.count("SELECT count(*) FROM events WHERE event_id = \(merge)") == 1)
            #expect(try await api.count("SELECT count(*) FROM incident_merges WHERE duplicate_id = \(duplicate)") == 1)
            #expect(
                try await api.count(
                    "SELECT count(*) FROM obligations WHERE incident_id = \(survivor) AND opened_by_event_id = \(merge)"
                ) == 3
            )

            // A producer that skips the API's checks sends another merge of the merged duplicate.
            let another = StoreFixture.event(
                .merged(IncidentMerged(into: survivor)),
                incident: duplicate,
                by: EventSource(kind: .officer, id: Self.authorityHead),
                at: Date()
            )
            try await api.seed([another])
            let outcome = try #require(
                try await api.rows("SELECT outcome, outcome_code FROM events WHERE event_id = \(another.eventID)").first
            )
            #expect(try outcome.decode(String.self, at: 0) == "ignored")
            #expect(try outcome.decode(String.self, at: 1) == "incident_merged")
            #expect(try await api.count("SELECT count(*) FROM incident_merges WHERE duplicate_id = \(duplicate)") == 1)
        }
    }

    @Test(
        "merging into itself, into a merged or resolved incident, by someone who does not govern both, or twice is refused, producing nothing"
    )
    func refusalsProduceNothing() async throws {
        try await APITestHarness.with { api in
            let (a, b) = try await Self.pair(api)
            let c = UUID()
            let e = UUID()
            let foreign = UUID()
            let seen = Date().addingTimeInterval(-60)
            try await api.seed([
                StoreFixture.report(incident: c, at: seen),
                StoreFixture.report(incident: e, at: seen),
                StoreFixture.report(
                    incident: foreign,
                    unit: "thcs-binh-minh",
                    by: EventSource(kind: .tool, id: "crawler"),
                    at: seen
                ),
            ])
            let staff = try await api.token(officer: Self.authorityHead, scopes: [.read, .act])
            let head = try await api.token(officer: APITestHarness.head, scopes: [.read, .act])
            let deputy = try await api.token(officer: "pht-thcs-binh-son", scopes: [.read, .act])
            func merge(_ duplicate: UUID, into survivor: String, _ token: String) async throws -> APIResponse {
                try await api.request(
                    .post,
                    "/v1/incidents/\(duplicate.canonicalString)/merge",
                    token: token,
                    json: ["into": survivor]
                )
            }

            let itself = try await merge(b, into: b.canonicalString, staff)
            #expect(itself.status == .badRequest && itself.errorCode == "merge_into_itself")
            #expect(itself.problemFields == ["into"])
            let garbled = try await merge(b, into: "không phải mã", staff)
            #expect(garbled.status == .badRequest && garbled.problemFields == ["into"])
            let nowhere = try await merge(b, into: UUID().canonicalString, staff)
            #expect(nowhere.status == .notFound && nowhere.errorCode == "incident_not_found")
            for (token, target) in [(deputy, a), (head, foreign), (staff, foreign)] {
                let refused = try await merge(b, into: target.canonicalString, token)
                #expect(refused.status == .forbidden && refused.errorCode == "forbidden_merge", "\(refused.text)")
            }
            let alone = try await api.request(
                .post,
                "/v1/incidents/\(b.canonicalString)/unmerge",
                token: staff,
                json: [String: String]()
            )
            #expect(alone.status == .conflict && alone.errorCode == "not_merged")

            // B merged into A (applied as a worker would), C resolved.
            try await api.seed([
                StoreFixture.event(
                    .merged(IncidentMerged(into: a)),
                    incident: b,
                    by: EventSource(kind: .officer, id: Self.authorityHead),
                    at: Date()
                ),
                StoreFixture.event(.resolved(IncidentResolved()), incident: c, at: Date()),
            ])
            #expect(try await Self.status(api, b) == "merged")
            let cases: [(UUID, UUID, String)] = [
                (b, e, "already_merged"), (e, b, "merge_target_merged"), (a, e, "merge_has_duplicates"),
                (e, c, "merge_target_resolved"), (c, e, "incident_resolved"),
            ]
            for (duplicate, survivor, code) in cases {
                let refused = try await merge(duplicate, into: survivor.canonicalString, staff)
                #expect(refused.status == .conflict && refused.errorCode == code, "\(code): \(refused.text)")
            }
            let acting = try await api.request(
                .post,
                "/v1/incidents/\(b.canonicalString)/acknowledge",
                token: head,
                json: [String: String]()
            )
            #expect(acting.status == .conflict && acting.errorCode == "incident_merged")
            #expect(acting.text.contains(a.canonicalString))
            #expect(try await api.produced().isEmpty)

            // The school's head merges two incidents of their school.
            let own = try await merge(e, into: a.canonicalString, head)
            #expect(own.status == .accepted, "\(own.text)")
            #expect(try await api.producedEvents().map(\.type) == [.incidentMerged])
        }
    }
}
