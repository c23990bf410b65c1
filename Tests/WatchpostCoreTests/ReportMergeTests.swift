import Foundation
import Testing

@testable import WatchpostCore

/// Two reports of one post under different incident ids (D32): the later one attaches as
/// evidence, and the incident ends up owing the same whatever the order they came in.
@Suite struct ReportMergeTests {
    static let head: OfficerID = "ht-thcs-binh-son"
    static let desk: OfficerID = "cv-vhxh-binh-son"

    static func vague(at date: Date = Fixture.t0) -> Event {
        MergeEvents.report(.other, .low, incident: Fixture.uuid(1), event: Fixture.uuid(101), at: date)
    }

    static func serious(_ severity: Severity = .high, at date: Date = Fixture.t0) -> Event {
        MergeEvents.report(
            .schoolViolence,
            severity,
            subjects: [.student, .teacher],
            url: "https://www.facebook.com/share/p/merge?fbclid=abc",
            incident: Fixture.uuid(2),
            event: Fixture.uuid(102),
            at: date
        )
    }

    /// (kind, owner) of what the policy asks for the union of both reports' classifications.
    static func unionPlan(_ policy: Policy, severity: Severity) -> Set<String> {
        let facts = [IncidentCategory.other, .schoolViolence].map {
            IncidentFacts(
                category: $0,
                severity: severity,
                schoolKind: .lowerSecondary,
                subjects: [.student, .teacher],
                platform: .facebook
            )
        }
        return Set(policy.plan(forAny: facts).obligations.map { "\($0.kind.rawValue)/\($0.owner.rawValue)" })
    }

    static func owed(_ incident: IncidentState?) -> Set<String> {
        Set(incident?.obligations.map { "\($0.kind.rawValue)/\($0.ownerRelation.rawValue)" } ?? [])
    }

    @Test func seriousReportAttachedToAVagueIncidentOpensWhatItCallsFor() throws {
        let (directory, policy) = try Fixture.shipped()
        var world = MergeWorld(directory, policy)
        world.apply(Self.vague())
        let merge = world.apply(Self.serious())

        #expect(merge.outcome == .applied)
        #expect(merge.incidentID == Fixture.uuid(1))
        let incident = try #require(merge.incident)
        #expect(incident.category == .schoolViolence && incident.severity == .high)
        #expect(Set(incident.subjects) == [.student, .teacher])
        #expect(incident.evidence.map(\.category) == [.other, .schoolViolence], "each report keeps its own category")
        #expect(incident.evidence.map(\.severity) == [.low, .high])
        #expect(Self.owed(incident) == Self.unionPlan(policy, severity: .high))
        #expect(!merge.obligationsOpened.isEmpty)
        #expect(merge.relations(.incidentNew).contains(.schoolDeputy), "the deputy hears of it for the first time")
        #expect(merge.recipients(.incidentUpdated).contains(Self.head), "the head is told what he now owes")
        let toldAsNew = merge.recipients(.incidentNew)
        #expect(!toldAsNew.contains(Self.head) && !toldAsNew.contains(Self.desk), "they knew of the incident")
        for alert in merge.alerts where alert.template != .incidentNew {
            #expect(alert.template == .incidentUpdated)
            #expect(
                merge.obligationsOpened.contains { $0.id == alert.obligationID && $0.ownerRelation == alert.relation },
                "someone told before hears again only of what they now owe"
            )
        }
    }

    @Test func vagueReportAttachedToASeriousIncidentPagesNobody() throws {
        let (directory, policy) = try Fixture.shipped()
        var world = MergeWorld(directory, policy)
        world.apply(Self.serious())
        let merge = world.apply(Self.vague())

        #expect(merge.outcome == .applied && merge.incidentID == Fixture.uuid(2))
        #expect(merge.alerts.isEmpty && merge.obligationsOpened.isEmpty && merge.obligationsChanged.isEmpty)
        let incident = try #require(merge.incident)
        #expect(incident.category == .schoolViolence && incident.severity == .high)
        #expect(merge.evidenceAttached?.category == .other && merge.evidenceAttached?.severity == .low)
        #expect(incident.reportedAt == Fixture.t0)
    }

    @Test func bothOrdersOweTheSameAndTellEachRelationOfTheIncidentAsNewOnce() throws {
        let (directory, policy) = try Fixture.shipped()
        var vagueFirst = MergeWorld(directory, policy)
        vagueFirst.apply(Self.vague())
        vagueFirst.apply(Self.serious())
        var seriousFirst = MergeWorld(directory, policy)
        seriousFirst.apply(Self.serious())
        seriousFirst.apply(Self.vague())

        let one = try #require(vagueFirst.incident(unit: "thcs-binh-son", dedupKey: "merge-post"))
        let two = try #require(seriousFirst.incident(unit: "thcs-binh-son", dedupKey: "merge-post"))
        #expect(one.category == two.category && one.severity == two.severity && one.status == two.status)
        #expect(Self.owed(one) == Self.owed(two))
        #expect(one.obligations.count == two.obligations.count)
        func told(_ world: MergeWorld, _ id: UUID) -> [String] {
            world.alerts(of: id).filter { $0.template == .incidentNew }.map { "\($0.relation.rawValue)" }.sorted()
        }
        #expect(told(vagueFirst, one.id) == told(seriousFirst, two.id))
    }

    @Test func mergeIsIdempotent() throws {
        let (directory, policy) = try Fixture.shipped()
        var world = MergeWorld(directory, policy)
        world.apply(Self.vague())
        let state = try #require(world.states[Fixture.uuid(1)])
        let input = RoutingInput(
            event: Self.serious(),
            incident: nil,
            openIncidentForDedupKey: state,
            directory: directory,
            policy: policy,
            now: Fixture.minutes(5)
        )
        #expect(Router.route(input) == Router.route(input), "a retried batch derives the same ids")

        world.apply(Self.serious())
        let replay = world.apply(Self.serious())
        #expect(replay.outcome.note?.code == .duplicateReport)
        #expect(replay.alerts.isEmpty && replay.obligationsOpened.isEmpty)
        #expect(world.states[Fixture.uuid(1)]?.evidence.count == 2)
    }

    @Test func obligationsOpenedByALaterReportCountFromWhenItIsApplied() throws {
        let (directory, policy) = try Fixture.shipped()
        var world = MergeWorld(directory, policy)
        world.apply(Self.vague(), at: Fixture.t0)
        let acknowledgeDue = try #require(world.states[Fixture.uuid(1)]?.obligations.first?.dueAt)
        let merge = world.apply(Self.serious(.critical, at: Fixture.t0), at: Fixture.minutes(60))

        let critical = policy.plan(
            for: IncidentFacts(
                category: .schoolViolence,
                severity: .critical,
                schoolKind: .lowerSecondary,
                subjects: [.student],
                platform: .facebook
            )
        )
        let police = try #require(critical.obligations.first { $0.kind == .notifyPolice })
        let opened = try #require(merge.obligationsOpened.first { $0.kind == .notifyPolice })
        #expect(opened.dueAt == Fixture.minutes(60).addingTimeInterval(DeadlineDuration.seconds(police.deadline)))
        // The stricter acknowledgement counts from when the head can know the incident is critical.
        let strict = try #require(critical.obligations.first { $0.kind == .acknowledge })
        let fromMerge = Fixture.minutes(60).addingTimeInterval(DeadlineDuration.seconds(strict.deadline))
        let acknowledge = try #require(world.states[Fixture.uuid(1)]?.obligations.first { $0.kind == .acknowledge })
        #expect(acknowledge.dueAt == min(acknowledgeDue, fromMerge))
        #expect(acknowledge.openedAt == Fixture.t0)
    }

    @Test func seriousnessOrderNamesEveryCategoryOnce() {
        #expect(Set(IncidentCategory.bySeriousness) == Set(IncidentCategory.allCases))
        #expect(IncidentCategory.bySeriousness.count == IncidentCategory.allCases.count)
        #expect(IncidentCategory.childAtRisk.isMoreSerious(than: .schoolViolence))
        #expect(!IncidentCategory.other.isMoreSerious(than: .other))
    }
}
