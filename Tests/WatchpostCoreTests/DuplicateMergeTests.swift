import Foundation
import Testing

@testable import WatchpostCore

/// Merging a duplicate incident into the one that carries on for both, and unmerging it (D60),
/// as the router decides them: both incidents in one decision, from the event on the duplicate.
@Suite struct DuplicateMergeTests {
    static let authority = Fixture.officer("tp-vhxh-binh-son")
    static let head = Fixture.officer("ht-thcs-binh-son")
    static let survivor = Fixture.uuid(1)
    static let duplicate = Fixture.uuid(2)
    static let third = Fixture.uuid(3)

    /// An open `other` incident (the survivor) and a law-violation one (the duplicate) at the
    /// same school, both reported at `t0`.
    private func world(duplicate category: IncidentCategory = .lawViolationSigns) throws -> MergeWorld {
        let (directory, policy) = try Fixture.shipped()
        var world = MergeWorld(directory, policy)
        world.apply(
            MergeEvents.report(.other, .medium, dedupKey: "post-a", incident: Self.survivor, event: Fixture.uuid(101)),
            at: Fixture.t0
        )
        world.apply(
            MergeEvents.report(category, .high, dedupKey: "post-b", incident: Self.duplicate, event: Fixture.uuid(102)),
            at: Fixture.t0
        )
        return world
    }

    static func merge(
        _ duplicate: UUID = duplicate,
        into survivor: UUID = survivor,
        by source: EventSource = authority,
        id: Int = 200,
        unit: UnitID = "thcs-binh-son"
    ) -> Event {
        Fixture.event(
            .merged(IncidentMerged(into: survivor, note: "Cùng một tin đồn")),
            by: source,
            id: id,
            incident: duplicate,
            unit: unit
        )
    }

    static func unmerge(_ duplicate: UUID = duplicate, from survivor: UUID = survivor, id: Int = 300) -> Event {
        Fixture.event(.unmerged(IncidentUnmerged(from: survivor)), by: authority, id: id, incident: duplicate)
    }

    @Test func mergingClosesTheDuplicatesObligationsAndTheSurvivorGainsTheGraverOnes() throws {
        var world = try world()
        let before = try #require(world.states[Self.survivor])
        let owed = try #require(world.states[Self.duplicate]).openObligations
        #expect(
            owed.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [
                .acknowledge, .notifyPolice, .publishCorrection, .takeDown,
            ]
        )
        let decision = world.apply(Self.merge(), at: Fixture.minutes(30))
        #expect(decision.outcome == .applied)

        let duplicate = try #require(world.states[Self.duplicate])
        #expect(duplicate.status == .merged)
        #expect(duplicate.mergedInto == Self.survivor)
        #expect(duplicate.openObligations.isEmpty)
        #expect(Set(decision.obligationsCancelled.map(\.obligationID)) == Set(owed.map(\.id)))
        for obligation in duplicate.obligations {
            #expect(obligation.status == .cancelled && obligation.level == 0)
            #expect(obligation.closedByEventID == Fixture.uuid(200))
        }

        let survivor = try #require(world.states[Self.survivor])
        #expect(survivor.status == .reported)
        #expect(survivor.category == .lawViolationSigns, "the graver category wins")
        #expect(survivor.severity == .high)
        #expect(survivor.evidence.map(\.eventID) == [Fixture.uuid(101), Fixture.uuid(102)])
        #expect(survivor.mergedFrom == [Self.duplicate])
        // What it owed goes on as it was; what the duplicate's facts call for is owed from the merge.
        let acknowledge = try #require(before.openObligations.first { $0.kind == .acknowledge })
        #expect(survivor.obligation(acknowledge.id) == acknowledge)
        let gained = survivor.obligations.filter { $0.openedByEventID == Fixture.uuid(200) }
        #expect(
            Set(gained.map(\.kind)) == [.notifyPolice, .takeDown, .publishCorrection],
            "\(gained.map(\.kind))"
        )
        #expect(gained.allSatisfy { $0.openedAt == Fixture.minutes(30) && $0.ownerRelation == .schoolHead })
        #expect(gained.allSatisfy { $0.incidentID == Self.survivor })

        // The duplicate's people hear it was merged (not the officer who merged it); the police,
        // new to the survivor, hear of it as new; the head, told before, as an update.
        let merged = Set(decision.alerts.filter { $0.template == .incidentMerged }.map(\.recipient))
        #expect(merged.contains("ht-thcs-binh-son") && merged.contains("ca-xa-binh-son-anm"))
        #expect(!merged.contains("tp-vhxh-binh-son"))
        #expect(
            decision.alerts.filter { $0.template == .incidentMerged }.allSatisfy { $0.incidentID == Self.duplicate }
        )
        let onSurvivor = decision.alerts.filter { $0.incidentID == Self.survivor }
        #expect(onSurvivor.contains { $0.recipient == "ca-xa-binh-son-anm" && $0.template == .incidentNew })
        #expect(onSurvivor.contains { $0.recipient == "ht-thcs-binh-son" && $0.template == .incidentUpdated })
        #expect(
            !onSurvivor.contains { $0.recipient == "cv-vhxh-binh-son" },
            "the desk was told before, owes nothing new"
        )
    }

    @Test func aSurvivorThatOwesTheSameAlreadyKeepsItsDeadlines() throws {
        var world = try world()
        world.apply(
            MergeEvents.report(
                .lawViolationSigns,
                .high,
                dedupKey: "post-c",
                incident: Self.third,
                event: Fixture.uuid(103)
            ),
            at: Fixture.t0
        )
        let before = try #require(world.states[Self.third])
        let decision = world.apply(Self.merge(into: Self.third), at: Fixture.minutes(60))
        #expect(decision.outcome == .applied)
        #expect(decision.obligationsOpened.isEmpty, "\(decision.obligationsOpened.map(\.kind))")
        #expect(world.states[Self.third]?.obligations == before.obligations)
    }

    @Test func whatTheDuplicateOwedBeyondItsPlanFollowsItToTheSurvivor() throws {
        var world = try world(duplicate: .falseInformation)
        world.apply(
            Fixture.event(
                .actionRecorded(ActionRecorded(action: .takedownRequested)),
                by: Self.head,
                id: 150,
                incident: Self.duplicate
            ),
            at: Fixture.minutes(10)
        )
        let followUp = try #require(
            world.states[Self.duplicate]?.openObligations.first { $0.kind == .followUpTakedown }
        )
        world.apply(Self.merge(), at: Fixture.minutes(30))
        let carried = try #require(
            world.states[Self.survivor]?.openObligations.first { $0.kind == .followUpTakedown }
        )
        #expect(carried.ownerRelation == followUp.ownerRelation)
        #expect(carried.id != followUp.id && carried.openedAt == Fixture.minutes(30))
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let what: String
        let event: Event
        let code: RoutingNote.Code
        var testDescription: String { what }
    }

    static let refusals: [Refusal] = [
        Refusal(what: "into itself", event: merge(into: duplicate), code: .mergeIntoItself),
        Refusal(what: "into an incident never reported", event: merge(into: Fixture.uuid(9)), code: .unknownIncident),
        Refusal(what: "by the deputy", event: merge(by: Fixture.officer("pht-thcs-binh-son")), code: .notResponsible),
        Refusal(
            what: "by another school's head",
            event: merge(by: Fixture.officer("ht-thcs-binh-minh")),
            code: .notResponsible
        ),
        Refusal(
            what: "by the police liaison",
            event: merge(by: Fixture.officer("ca-xa-binh-son-anm")),
            code: .notResponsible
        ),
        Refusal(what: "by a tool", event: merge(by: MergeEvents.tool), code: .notResponsible),
    ]

    @Test(arguments: refusals)
    func mergesFromSomeoneWithoutResponsibilityOrIntoNothingAreRejected(_ refusal: Refusal) throws {
        var world = try world()
        let before = world.states
        let decision = world.apply(refusal.event, at: Fixture.minutes(30))
        guard case .rejected(let note) = decision.outcome else {
            Issue.record("expected rejected, got \(decision.outcome)")
            return
        }
        #expect(note.code == refusal.code)
        #expect(world.states == before)
    }

    @Test func theHeadMergesTwoIncidentsOfTheirSchoolButNotOneOfAnother() throws {
        var world = try world()
        world.apply(
            MergeEvents.report(
                .other,
                .low,
                dedupKey: "post-d",
                unit: "thcs-binh-chanh",
                incident: Self.third,
                event: Fixture.uuid(104)
            ),
            at: Fixture.t0
        )
        let across = world.apply(Self.merge(into: Self.third, by: Self.head), at: Fixture.minutes(20))
        #expect(across.outcome.note?.code == .notResponsible)
        let own = world.apply(Self.merge(by: Self.head, id: 201), at: Fixture.minutes(30))
        #expect(own.outcome == .applied)
    }

    @Test func mergesNeverChain() throws {
        var world = try world()
        world.apply(
            MergeEvents.report(.other, .low, dedupKey: "post-c", incident: Self.third, event: Fixture.uuid(103)),
            at: Fixture.t0
        )
        #expect(world.apply(Self.merge(), at: Fixture.minutes(10)).outcome == .applied)
        let intoMerged = world.apply(Self.merge(Self.third, into: Self.duplicate, id: 201, unit: "thcs-binh-son"))
        #expect(intoMerged.outcome.note?.code == .mergeTargetMerged)
        let survivorAway = world.apply(Self.merge(Self.survivor, into: Self.third, id: 202))
        #expect(survivorAway.outcome.note?.code == .mergeHasDuplicates)
        let again = world.apply(Self.merge(id: 203))
        #expect(again.outcome.note?.code == .incidentMerged)
        for decision in [intoMerged, survivorAway, again] {
            guard case .ignored = decision.outcome else {
                Issue.record("expected ignored, got \(decision.outcome)")
                continue
            }
            #expect(decision.alerts.isEmpty && decision.obligationsOpened.isEmpty && decision.survivor == nil)
        }
        world.apply(Fixture.event(.resolved(IncidentResolved()), by: Self.head, id: 204, incident: Self.third))
        let intoResolved = world.apply(Self.merge(Self.survivor, into: Self.third, id: 205))
        #expect(intoResolved.outcome.note?.code == .mergeTargetResolved)
    }

    @Test(arguments: [
        EventPayload.acknowledged(IncidentAcknowledged()),
        .actionRecorded(ActionRecorded(action: .contentRemoved)),
        .resolved(IncidentResolved()),
        .reopened(IncidentReopened(reason: "Đăng lại")),
    ])
    func eventsForAMergedIncidentAreIgnoredAndNameTheSurvivor(_ payload: EventPayload) throws {
        var world = try world()
        world.apply(Self.merge(), at: Fixture.minutes(10))
        let before = world.states
        let decision = world.apply(Fixture.event(payload, by: Self.head, id: 250, incident: Self.duplicate))
        guard case .ignored(let note) = decision.outcome else {
            Issue.record("expected ignored, got \(decision.outcome)")
            return
        }
        #expect(note.code == .incidentMerged)
        #expect(note.message.contains(DerivedID.key(Self.survivor)))
        #expect(decision.alerts.isEmpty && world.states == before)
    }

    @Test func unmergingReopensTheDuplicateWithItsObligationsOwedFromThenAndTheSurvivorKeepsItsOwn() throws {
        var world = try world()
        world.apply(Self.merge(), at: Fixture.minutes(30))
        let merged = try #require(world.states[Self.duplicate])
        let survivorMerged = try #require(world.states[Self.survivor])

        let wrong = world.apply(Self.unmerge(from: Self.third, id: 299), at: Fixture.minutes(60))
        #expect(wrong.outcome.note?.code == .notMerged)
        let decision = world.apply(Self.unmerge(), at: Fixture.minutes(90))
        #expect(decision.outcome == .applied)

        let duplicate = try #require(world.states[Self.duplicate])
        #expect(duplicate.status == .reported && duplicate.mergedInto == nil)
        #expect(duplicate.reopenCount == 1 && duplicate.openedAt == Fixture.minutes(90))
        let cancelled = merged.obligations.filter { $0.status == .cancelled }
        #expect(duplicate.obligations.filter { $0.status == .cancelled } == cancelled, "the merge's record stays")
        let again = duplicate.openObligations
        #expect(Set(again.map(\.kind)) == Set(cancelled.map(\.kind)))
        #expect(Set(again.map(\.id)).isDisjoint(with: cancelled.map(\.id)))
        #expect(again.allSatisfy { $0.openedAt == Fixture.minutes(90) && $0.openedByEventID == Fixture.uuid(300) })
        let police = try #require(again.first { $0.kind == .notifyPolice })
        #expect(police.dueAt == Fixture.minutes(90 + 120))
        #expect(decision.alerts.contains { $0.recipient == "ht-thcs-binh-son" && $0.template == .incidentReopened })

        let survivor = try #require(world.states[Self.survivor])
        #expect(survivor.mergedFrom.isEmpty)
        #expect(survivor.obligations == survivorMerged.obligations, "the survivor keeps what it owes")
        #expect(decision.alerts.allSatisfy { $0.incidentID == Self.duplicate })

        let twice = world.apply(Self.unmerge(id: 301), at: Fixture.minutes(100))
        #expect(twice.outcome.note?.code == .notMerged)
    }

    @Test func aMergeWithoutItsSurvivorNamesTheMissingField() {
        let decoder = EventDecoder(knownUnit: { _ in true })
        let built = decoder.event(
            .incidentMerged,
            data: ["note": .text("Trùng")],
            eventID: Fixture.uuid(400),
            incidentID: Self.duplicate,
            occurredAt: Fixture.t0,
            source: Self.authority,
            unitID: "thcs-binh-son",
            now: Fixture.t0
        )
        guard case .failure(let rejection) = built else {
            Issue.record("a merge without `into` was accepted")
            return
        }
        #expect(rejection.problems.map(\.path) == ["into"])
    }
}
