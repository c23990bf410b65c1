import Foundation
import Postgres
import Synchronization
import Testing
import WatchpostCore
import WatchpostNotify
import WatchpostPipeline
import WatchpostStore
import WatchpostTestSupport

/// A rumour across a commune's schools pages each official a handful of times, not once per
/// school (issue 30, D58): with the shipped `grouping`, the first alert to an official goes at
/// once and the next ones within the window go together in one message, sent once across
/// several dispatchers; urgent alerts are never held; a held alert cancelled meanwhile is not
/// sent.
@Suite(.serialized, .timeLimit(.minutes(6)))
struct GroupedDeliveryTests {
    static let commune: UnitID = "xa-binh-son"

    /// The shipped directory with `count` more lower-secondary schools in the commune of Bình
    /// Sơn, each with a principal, and every officer's channel a webhook to `url`.
    static func floodDirectory(schools count: Int, url: String) throws -> (Directory, [UnitID]) {
        let shipped = try StoreFixture.directory()
        let model = try #require(shipped.unit("thcs-binh-son"))
        let head = try #require(shipped.officer("ht-thcs-binh-son"))
        var units = shipped.units
        var officers = shipped.officers
        var ids: [UnitID] = []
        for number in 1...count {
            var unit = model
            unit.id = "thcs-tin-don-\(number)"
            unit.name = "Trường THCS Thử nghiệm \(number)"
            units.append(unit)
            var principal = head
            principal.id = "ht-tin-don-\(number)"
            principal.name = "Hiệu trưởng \(number)"
            principal.unit = unit.id
            officers.append(principal)
            ids.append(unit.id)
        }
        let webhook = [Channel(kind: .webhook, address: url)]
        return (
            Directory(
                units: units,
                officers: officers.map { officer in
                    var officer = officer
                    officer.channels = webhook
                    return officer
                }
            ),
            ids
        )
    }

    /// The shipped `routing.yaml` with its `grouping` section, on the calendar clock.
    static func groupedPolicy() throws -> Policy {
        try Policy.load(contentsOf: PipelinePaths.groupedConfig.appendingPathComponent("routing.yaml"))
    }

    static func route(_ events: [Event], pool: PostgresPool, directory: Directory) async throws {
        let store = EventStore(
            pool: pool,
            directory: directory,
            policy: try groupedPolicy(),
            logger: DeliveryFixture.logger
        )
        _ = try await store.applyRetrying(
            StoreFixture.inbound(events, from: Int64.random(in: 0..<1_000_000)),
            now: Date()
        )
    }

    static func rumour(at school: UnitID, category: IncidentCategory = .lawViolationSigns) -> Event {
        StoreFixture.report(
            category: category,
            severity: .high,
            url: "https://www.facebook.com/share/p/tin-don-\(UUID().uuidString.lowercased())",
            unit: school,
            at: Date().addingTimeInterval(-1)
        )
    }

    /// Every delivery: id, recipient, status, group key, whether it is due now.
    struct Row: Hashable {
        var id: UUID
        var recipient: String
        var template: String
        var incident: UUID
        var status: String
        var group: String?
        var dueNow: Bool
    }

    static func rows(_ pool: PostgresPool) async throws -> [Row] {
        try await pool.withConnection { connection in
            try await connection.query(
                """
                SELECT d.id, d.recipient, a.template, a.incident_id, d.status, d.group_key, d.next_attempt_at <= now()
                FROM deliveries d JOIN alerts a ON a.id = d.alert_id ORDER BY d.created_at, d.id
                """
            ).map { row in
                Row(
                    id: try row.decode(UUID.self, at: 0),
                    recipient: try row.decode(String.self, at: 1),
                    template: try row.decode(String.self, at: 2),
                    incident: try row.decode(UUID.self, at: 3),
                    status: try row.decode(String.self, at: 4),
                    group: try row.decode(String?.self, at: 5),
                    dueNow: try row.decode(Bool.self, at: 6)
                )
            }
        }
    }

    /// Time passes: every held group is due now.
    static func releaseHeldGroups(_ pool: PostgresPool) async throws {
        try await pool.withConnection { connection in
            try await connection.execute(
                "UPDATE deliveries SET next_attempt_at = now() WHERE status = 'pending' AND group_key IS NOT NULL"
            )
            try await connection.notify(StoreChannel.deliveries)
        }
    }

    /// One message as the receiver got it: its key, recipient, and the deliveries it carries.
    struct Received: Hashable {
        var key: String
        var recipient: String
        var deliveries: [String]
        var grouped: Bool
    }

    static func received(_ receiver: TestHTTPServer) throws -> [Received] {
        try receiver.requests.map { request in
            let json = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
            let recipient = json["recipient_officer_id"] as? String ?? ""
            if json["schema"] as? String == "watchpost.alert-group.v1" {
                let alerts = try #require(json["alerts"] as? [[String: Any]])
                return Received(
                    key: request.idempotencyKey,
                    recipient: recipient,
                    deliveries: alerts.compactMap { $0["delivery_id"] as? String },
                    grouped: true
                )
            }
            return Received(
                key: request.idempotencyKey,
                recipient: recipient,
                deliveries: [request.idempotencyKey],
                grouped: false
            )
        }
    }

    /// Runs `services` while `body` runs, then cancels them.
    static func running<Value: Sendable>(
        _ services: [DispatcherService],
        _ body: () async throws -> Value
    ) async throws -> Value {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for service in services { group.addTask { try await service.run() } }
            do {
                let value = try await body()
                group.cancelAll()
                return value
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    @Test func fiftySchoolsReportingOneRumourPageThePoliceAndTheDeskTwiceAndEveryPrincipalOnce() async throws {
        let receiver = try TestHTTPServer { _, _ in .status(200) }
        let (directory, schools) = try Self.floodDirectory(schools: 50, url: receiver.url)
        let police = try #require(directory.officers(.communePoliceLiaison, of: schools[0]).first).id
        let desk = try #require(directory.officers(.authorityDesk, of: schools[0]).first).id
        try await StoreTestDatabase.with(directory: directory, maxConnections: 6) { pool in
            // Leases longer than any send here, however loaded the machine: a lease that runs
            // out sends a message again under its key, which this test counts as a second one.
            let dispatchers = try (0..<3).map { _ in
                try DeliveryFixture.dispatcher(
                    pool: pool,
                    directory: directory,
                    channels: [.webhook: DeliveryFixture.webhook()],
                    lease: .seconds(600)
                )
            }
            try await Self.running(dispatchers) {
                // The rumour reaches the workers in five batches, as it spreads within the minute.
                for batch in stride(from: 0, to: schools.count, by: 10) {
                    try await Self.route(
                        schools[batch..<batch + 10].map { Self.rumour(at: $0) },
                        pool: pool,
                        directory: directory
                    )
                }
                try await deliveryWait("every alert not held to be delivered") {
                    try await Self.rows(pool).filter { $0.group == nil }.allSatisfy { $0.status == "delivered" }
                }
                var rows = try await Self.rows(pool)
                #expect(rows.filter { $0.recipient == police }.count == 50)
                #expect(rows.filter { $0.recipient == police && $0.group != nil }.count == 49)
                #expect(Set(rows.filter { $0.recipient == police }.compactMap(\.group)).count == 1)
                #expect(rows.filter { $0.recipient == desk && $0.group != nil }.count == 49)
                #expect(rows.filter { $0.group != nil }.allSatisfy { $0.status == "pending" && !$0.dueNow })
                // Every principal was alerted at once about their own school.
                for number in 1...50 {
                    let own = rows.filter { $0.recipient == "ht-tin-don-\(number)" }
                    #expect(
                        own.count == 1 && own.allSatisfy { $0.status == "delivered" && $0.group == nil },
                        "\(number)"
                    )
                }
                #expect(try Self.received(receiver).filter { $0.recipient == police }.count == 1)

                try await Self.releaseHeldGroups(pool)
                try await deliveryWait("every delivery to be delivered") {
                    try await Self.rows(pool).allSatisfy { $0.status == "delivered" }
                }
                rows = try await Self.rows(pool)
                let messages = try Self.received(receiver)
                // Retries of one message carry one key; none were needed with a receiver that
                // always accepts, so every message arrived exactly once.
                #expect(Set(messages.map(\.key)).count == messages.count)
                let toPolice = messages.filter { $0.recipient == police }
                #expect(toPolice.count == 2)
                #expect(toPolice.filter(\.grouped).map(\.deliveries.count) == [49])
                #expect(messages.filter { $0.recipient == desk }.count == 2)
                // Nothing lost, nothing doubled: each delivery in exactly one message.
                let carried = messages.flatMap(\.deliveries)
                #expect(carried.count == rows.count)
                #expect(Set(carried) == Set(rows.map { $0.id.uuidString.lowercased() }))
                #expect(messages.count == 50 + 2 + 2)
            }
        }
    }

    @Test func concurrentClaimersTakeEveryHeldGroupWholeAndOnce() async throws {
        let (directory, schools) = try Self.floodDirectory(schools: 30, url: "http://127.0.0.1:9/hook")
        try await StoreTestDatabase.with(directory: directory, maxConnections: 6) { pool in
            // Three reports per school: each principal gets one message at once and a group of
            // two; the police and the desk a group of 89 each.
            for _ in 0..<3 {
                try await Self.route(schools.map { Self.rumour(at: $0) }, pool: pool, directory: directory)
            }
            let held = try await Self.rows(pool).filter { $0.group != nil }
            let groups = Dictionary(grouping: held, by: { $0.group ?? "" })
            #expect(groups.count == 32)
            #expect(groups.values.map(\.count).sorted() == Array(repeating: 2, count: 30) + [89, 89])
            try await Self.releaseHeldGroups(pool)
            let store = DeliveryStore(pool: pool, logger: DeliveryFixture.logger)
            let claims = try await withThrowingTaskGroup(of: [ClaimedDelivery].self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        var mine: [ClaimedDelivery] = []
                        while true {
                            let claimed = try await store.claimDue(now: Date(), limit: 3, lease: .seconds(300))
                            if claimed.isEmpty { return mine }
                            mine += claimed
                        }
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            let grouped = claims.filter { $0.members.count > 1 }
            #expect(grouped.count == 32)
            let carried = grouped.flatMap { $0.members.map(\.id) }
            #expect(carried.count == held.count)
            #expect(Set(carried) == Set(held.map(\.id)))
            let groupOf = Dictionary(uniqueKeysWithValues: held.map { ($0.id, $0.group ?? "") })
            for claim in grouped {
                #expect(Set(claim.members.map { groupOf[$0.id] ?? "" }).count == 1)
            }
        }
    }

    /// A delivered result for every delivery `claim` covers.
    static func delivered(_ claim: ClaimedDelivery) -> [DeliveryAttemptResult] {
        claim.members.map { member in
            DeliveryAttemptResult(
                deliveryID: member.id,
                attempt: member.attempt,
                channelIndex: member.channelIndex,
                channelKind: "webhook",
                startedAt: Date(),
                finishedAt: Date(),
                outcome: .delivered,
                error: nil
            )
        }
    }

    /// A grouped message whose lease ran out while it was being recorded (a slow send under
    /// load) may be claimed again; the claim must take every member still pending or none, so a
    /// message sent again carries the same members under the same key, never a part of them
    /// under a new one. Each round races the record against the claim; whichever wins, no
    /// member is both recorded by the first message and claimed by the second.
    @Test func aGroupClaimedAgainWhileItsMessageIsRecordedIsTakenWholeOrNotAtAll() async throws {
        let (directory, schools) = try Self.floodDirectory(schools: 30, url: "http://127.0.0.1:9/hook")
        let police = try #require(directory.officers(.communePoliceLiaison, of: schools[0]).first).id
        try await StoreTestDatabase.with(directory: directory, maxConnections: 6) { pool in
            let store = DeliveryStore(pool: pool, logger: DeliveryFixture.logger)
            for _ in 0..<12 {
                try await Self.route(schools.map { Self.rumour(at: $0) }, pool: pool, directory: directory)
                try await Self.releaseHeldGroups(pool)
                // Claimed with a lease that is over at once, as if the send outlasted it.
                let claims = try await store.claimDue(now: Date(), limit: 10, lease: .zero, channelKinds: [.webhook])
                let first = try #require(claims.first { $0.recipient == police && $0.members.count > 1 })
                let members = Set(first.members.map(\.id))
                async let recorded = store.record(Self.delivered(first))
                async let again = store.claimDue(
                    now: Date().addingTimeInterval(1),
                    limit: 10,
                    lease: .seconds(300),
                    channelKinds: [.webhook]
                )
                let (applied, reclaimed) = try await (recorded, again)
                let taken = Set(reclaimed.flatMap(\.members).map(\.id)).intersection(members)
                #expect(
                    taken.isEmpty || taken == members,
                    "a part of the group was claimed again: \(taken.count) of \(members.count)"
                )
                // The first message's record applies to every member, or to none when the
                // claim came first.
                #expect(Set(applied) == [taken.isEmpty])
                // Whatever else was claimed is delivered, so the next round starts clean.
                for claim in reclaimed + claims where claim.id != first.id {
                    _ = try await store.record(Self.delivered(claim))
                }
            }
        }
    }

    @Test func aGroupedMessageRefusedOnceIsRetriedWholeUnderTheSameKey() async throws {
        let refused = Mutex(false)
        let receiver = try TestHTTPServer { request, _ in
            let body = String(decoding: request.body, as: UTF8.self)
            let grouped = body.contains("watchpost.alert-group.v1") && body.contains("ca-xa-binh-son-anm")
            let refuse =
                grouped
                && refused.withLock { done in
                    defer { done = true }
                    return !done
                }
            return refuse ? .status(503) : .status(200)
        }
        let (directory, schools) = try Self.floodDirectory(schools: 3, url: receiver.url)
        let police = try #require(directory.officers(.communePoliceLiaison, of: schools[0]).first).id
        try await StoreTestDatabase.with(directory: directory) { pool in
            let dispatcher = try DeliveryFixture.dispatcher(
                pool: pool,
                directory: directory,
                channels: [.webhook: DeliveryFixture.webhook()]
            )
            try await DeliveryFixture.running(dispatcher) {
                try await Self.route(schools.map { Self.rumour(at: $0) }, pool: pool, directory: directory)
                try await Self.releaseHeldGroups(pool)
                try await deliveryWait("every delivery to be delivered") {
                    try await Self.rows(pool).allSatisfy { $0.status == "delivered" }
                }
                let held = try await Self.rows(pool).filter { $0.recipient == police && $0.group != nil }
                #expect(held.count == 2)
                for delivery in held {
                    let attempts = try await DeliveryFixture.attempts(pool, of: delivery.id)
                    #expect(attempts.map(\.outcome) == ["retry", "delivered"], "\(delivery.id)")
                }
                let grouped = receiver.requests.filter {
                    let body = String(decoding: $0.body, as: UTF8.self)
                    return body.contains("watchpost.alert-group.v1") && body.contains(police)
                }
                #expect(grouped.count == 2)
                #expect(Set(grouped.map(\.idempotencyKey)).count == 1)
            }
        }
    }

    @Test func anUrgentAlertIsNeverHeldWhileTheNextOrdinaryOneIs() async throws {
        let (directory, schools) = try Self.floodDirectory(schools: 3, url: "http://127.0.0.1:9/hook")
        let police = try #require(directory.officers(.communePoliceLiaison, of: schools[0]).first).id
        try await StoreTestDatabase.with(directory: directory) { pool in
            try await Self.route([Self.rumour(at: schools[0])], pool: pool, directory: directory)
            try await Self.route(
                [Self.rumour(at: schools[1], category: .childAtRisk)],
                pool: pool,
                directory: directory
            )
            try await Self.route([Self.rumour(at: schools[2])], pool: pool, directory: directory)
            let toPolice = try await Self.rows(pool).filter { $0.recipient == police }
            #expect(toPolice.count == 3)
            #expect(toPolice.map { $0.group == nil } == [true, true, false])
            #expect(toPolice.map(\.dueNow) == [true, true, false])
        }
    }

    @Test func aHeldAlertCancelledBeforeItsGroupGoesIsNeverSent() async throws {
        let receiver = try TestHTTPServer { _, _ in .status(200) }
        let (directory, _) = try Self.floodDirectory(schools: 1, url: receiver.url)
        let police = try #require(directory.officers(.communePoliceLiaison, of: StoreFixture.school).first).id
        try await StoreTestDatabase.with(directory: directory) { pool in
            let dispatcher = try DeliveryFixture.dispatcher(
                pool: pool,
                directory: directory,
                channels: [.webhook: DeliveryFixture.webhook()]
            )
            try await DeliveryFixture.running(dispatcher) {
                try await Self.route([Self.rumour(at: "thcs-tin-don-1")], pool: pool, directory: directory)
                let second = Self.rumour(at: StoreFixture.school)
                try await Self.route([second], pool: pool, directory: directory)
                let held = try #require(
                    try await Self.rows(pool).first {
                        $0.recipient == police && $0.incident == second.incidentID && $0.group != nil
                    }
                )
                try await Self.route(
                    [
                        StoreFixture.event(
                            .resolved(IncidentResolved(note: "Tin đồn đã được đính chính")),
                            incident: second.incidentID,
                            at: Date()
                        )
                    ],
                    pool: pool,
                    directory: directory
                )
                #expect(try await Self.rows(pool).first { $0.id == held.id }?.status == "cancelled")
                try await Self.releaseHeldGroups(pool)
                try await deliveryWait("nothing to be pending") {
                    try await Self.rows(pool).allSatisfy { $0.status != "pending" }
                }
                let carried = try Self.received(receiver).flatMap(\.deliveries)
                #expect(!carried.contains(held.id.uuidString.lowercased()))
                #expect(try await Self.rows(pool).first { $0.id == held.id }?.status == "cancelled")
            }
        }
    }
}
