import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostPipeline
import WatchpostStore

/// The operator's overview (`watchpost status`) on a fresh database: exact counts, the most
/// overdue obligations, dead deliveries with their last error, and unreachable recipients.
@Suite(.timeLimit(.minutes(5)))
struct StatusOverviewTests {
    @Test func overviewCountsEveryStateAndListsOverdueObligationsAndDeadDeliveries() async throws {
        try await StoreTestDatabase.with { pool in
            let store = try StoreFixture.eventStore(pool)
            let (open, resolved) = (UUID(), UUID())
            let events = [
                StoreFixture.report(incident: open, category: .falseInformation),
                StoreFixture.event(.acknowledged(IncidentAcknowledged(note: "Đã nắm")), incident: open),
                StoreFixture.report(incident: resolved, category: .other),
                StoreFixture.event(.resolved(IncidentResolved(note: "Đã gỡ")), incident: resolved),
                // Acknowledges an incident nobody reported: rejected by the router.
                StoreFixture.event(.acknowledged(IncidentAcknowledged()), incident: UUID()),
            ]
            let garbage = RejectedInput(
                topic: StoreFixture.topic,
                partition: 0,
                offset: 1_000,
                key: nil,
                raw: Array("{not json".utf8),
                reason: "input: is not valid JSON",
                problems: [StoredProblem(EventProblem(path: "", code: .notJSON, reason: "is not valid JSON"))]
            )
            let expected = try Self.route(events)
            _ = try await store.applyBatch(StoreFixture.inbound(events), rejected: [garbage], now: StoreFixture.t0)

            // One delivery dies, one is delivered, as the dispatcher would record them.
            let claimed = try await DeliveryStore(pool: pool, logger: StoreTestDatabase.logger)
                .claimDue(now: StoreFixture.minutes(1), limit: 2, lease: .seconds(60))
            try #require(claimed.count == 2)
            let deliveries = DeliveryStore(pool: pool, logger: StoreTestDatabase.logger)
            let error = "550 5.1.1 mailbox unavailable"
            try await deliveries.record(Self.result(claimed[0], .dead(notify: [], deliveries: []), error: error))
            try await deliveries.record(Self.result(claimed[1], .delivered, error: nil))

            let late = StoreFixture.t0.addingTimeInterval(7 * 86_400)
            let overview = try await OperatorOverview.read(from: pool, now: late)
            let counts = overview.counts
            let obligations = expected.obligations
            #expect(counts.events == events.count)
            #expect(counts.openIncidents == 1 && counts.resolvedIncidents == 1)
            #expect(counts.openObligations == obligations.filter { $0.status == .open }.count)
            #expect(counts.openObligations > 0)
            #expect(counts.overdueObligations == counts.openObligations)
            #expect(counts.metObligations == obligations.filter { $0.status == .met }.count)
            #expect(counts.metObligations > 0)
            #expect(counts.alerts == expected.alerts)
            #expect(counts.deadDeliveries == 1 && counts.deliveredDeliveries == 1)
            let cancelled = try await StoreTestDatabase.scalar(
                pool,
                "SELECT count(*) FROM deliveries WHERE status = 'cancelled'"
            )
            #expect(counts.cancelledDeliveries == cancelled && cancelled > 0)
            #expect(counts.pendingDeliveries == expected.alerts - 2 - cancelled)
            #expect(counts.rejectedNotReplayed == 2)
            // No relay runs here: both dead letters wait in the outbox.
            #expect(counts.outboxPending == 2 && counts.outboxRefused == 0)

            let dueDates = overview.overdueObligations.map(\.dueAt)
            #expect(overview.overdueObligations.count == min(10, counts.overdueObligations))
            #expect(dueDates == dueDates.sorted())
            let first = try #require(overview.overdueObligations.first)
            // Several obligations may fall due at the same instant: the first listed is one of them.
            let openObligations = obligations.filter { $0.status == .open }
            let earliest = try #require(openObligations.map { $0.dueAt ?? late }.min())
            let firstCandidates = openObligations.filter { ($0.dueAt ?? late) == earliest }
            #expect(first.incidentID == open && first.schoolID == StoreFixture.school)
            #expect(first.schoolName == "Trường THCS Bình Sơn")
            #expect(abs(first.dueAt.timeIntervalSince(earliest)) < 0.001 && first.level == 0)
            #expect(
                firstCandidates.contains {
                    $0.kind == first.kind && $0.ownerRelation == first.ownerRelation
                        && $0.ownerOfficerID == first.ownerOfficerID
                }
            )

            let dead = try #require(overview.deadDeliveries.first)
            #expect(overview.deadDeliveries.count == 1)
            #expect(dead.id == claimed[0].id && dead.recipient == claimed[0].recipient)
            #expect(dead.lastError == error && dead.attempts == 1)
            #expect(dead.incidentID == claimed[0].alert.incidentID && dead.lastAttemptAt != nil)

            // Before any deadline passes, nothing is overdue.
            let early = try await OperatorOverview.read(from: pool, now: StoreFixture.t0)
            #expect(early.counts.overdueObligations == 0 && early.overdueObligations.isEmpty)
            #expect(early.counts.openObligations == counts.openObligations)
        }
    }

    @Test func emailOnlyOfficerIsUnreachableWhenEmailIsNotConfigured() async throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("watchpost-status-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let shipped = try String(
            contentsOf: PipelinePaths.config.appendingPathComponent("directory.yaml"),
            encoding: .utf8
        )
        let added = """
              - id: pht-2-thcs-binh-son
                name: Đặng Thị Mai
                unit: thcs-binh-son
                roles: [deputy]
                channels:
                  - email: phohieutruong2@thcs-binh-son.example.invalid

            """
        let text = shipped + (shipped.hasSuffix("\n") ? "" : "\n") + added
        let file = folder.appendingPathComponent("directory.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let directory = try Directory.load(contentsOf: file)
        let policy = try StoreFixture.policy()

        try await StoreTestDatabase.with(directory: directory) { pool in
            // The officer is synced like any other, so incidents would alert them.
            let synced = try await StoreTestDatabase.scalar(
                pool,
                "SELECT count(*) FROM officers WHERE id = 'pht-2-thcs-binh-son'"
            )
            #expect(synced == 1)
        }

        // Webhooks only: the check reads the environment the way the dispatcher does.
        let webhooksOnly = try ReachabilityCheck.fromEnvironment(["WATCHPOST_WEBHOOK_SECRET": "s3cret"])
        #expect(webhooksOnly.configuredKinds == [.webhook] && !webhooksOnly.overridesChannels)
        let everythingButEmail = ReachabilityCheck(configuredKinds: [.sms, .zalo, .webhook])
        let findings = everythingButEmail.findings(directory: directory, policy: policy, file: file.path)
        let line =
            (text.split(separator: "\n", omittingEmptySubsequences: false)
                .firstIndex { $0.contains("- id: pht-2-thcs-binh-son") } ?? -1) + 1
        let finding = try #require(findings.first { $0.subject == .officer("pht-2-thcs-binh-son") })
        #expect(finding.problem == .noConfiguredChannel && finding.relations == [.schoolDeputy])
        #expect(finding.description.hasPrefix("\(file.path):\(line): warning: officer `pht-2-thcs-binh-son`"))
        // Every other needed officer of the shipped directory has a phone, Zalo or webhook channel.
        #expect(findings.map(\.subject) == [.officer("pht-2-thcs-binh-son")])
        #expect(
            webhooksOnly.findings(directory: directory, policy: policy, file: file.path)
                .contains { $0.subject == finding.subject }
        )
    }

    /// The alerts and final obligations the pure router makes of `events`.
    private static func route(_ events: [Event]) throws -> (alerts: Int, obligations: [Obligation]) {
        let (directory, policy) = (try StoreFixture.directory(), try StoreFixture.policy())
        var states: [UUID: IncidentState] = [:]
        var alerts = 0
        for event in events {
            let decision = Router.route(
                RoutingInput(
                    event: event,
                    incident: states[event.incidentID],
                    directory: directory,
                    policy: policy,
                    now: StoreFixture.t0
                )
            )
            guard decision.outcome == .applied else { continue }
            states[event.incidentID] = decision.incident
            alerts += decision.alerts.count
        }
        return (alerts, states.values.flatMap(\.obligations))
    }

    private static func result(
        _ claimed: ClaimedDelivery,
        _ outcome: DeliveryAttemptResult.Outcome,
        error: String?
    ) -> DeliveryAttemptResult {
        DeliveryAttemptResult(
            deliveryID: claimed.id,
            attempt: claimed.attempt,
            channelIndex: claimed.channelIndex,
            channelKind: "email",
            startedAt: StoreFixture.minutes(1),
            finishedAt: StoreFixture.minutes(1.5),
            outcome: outcome,
            error: error
        )
    }
}
