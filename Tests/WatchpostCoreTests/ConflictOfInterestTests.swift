import Foundation
import Testing

@testable import WatchpostCore

/// A manager of the school, possibly the head, is among the people involved: the head does not
/// answer for handling an incident about themselves (issue 28).
@Suite struct ConflictOfInterestTests {
    static let head = Fixture.officer("ht-thcs-binh-son")
    static let deputy = Fixture.officer("pht-thcs-binh-son")
    static let leadership = Fixture.officer("ptp-vhxh-binh-son")

    private func reported(_ subjects: [SubjectRole]) throws -> (Run, RoutingDecision) {
        let (directory, policy) = try Fixture.shipped()
        var run = Run(directory, policy)
        let decision = run.apply(Fixture.report(category: .lawViolationSigns, subjects: subjects))
        return (run, decision)
    }

    @Test func theHeadsObligationsGoToTheAuthoritysLeadershipWhenAManagerIsInvolved() throws {
        let (_, decision) = try reported([.manager, .student])
        let owed = decision.obligationsOpened
        #expect(Set(owed.map(\.kind)) == [.acknowledge, .notifyPolice, .takeDown, .publishCorrection])
        #expect(owed.allSatisfy { $0.ownerRelation == .authorityLeadership && $0.ownerOfficerID == Self.leadership.id })
        #expect(decision.recipients(.incidentNew).contains(Self.head.id), "the head is still told")
    }

    @Test func withoutAManagerTheHeadOwesThem() throws {
        let (_, decision) = try reported([.teacher])
        #expect(decision.obligationsOpened.allSatisfy { $0.ownerRelation == .schoolHead })
    }

    @Test func theHeadOrADeputyCannotMeetWhatTheLeadershipOwes() throws {
        var (run, _) = try reported([.manager])
        let byHead = run.apply(Fixture.event(.acknowledged(IncidentAcknowledged()), by: Self.head, id: 10))
        #expect(byHead.obligationsMet.isEmpty)
        let byDeputy = run.apply(
            Fixture.event(.actionRecorded(ActionRecorded(action: .policeNotified)), by: Self.deputy, id: 11)
        )
        #expect(byDeputy.obligationsMet.isEmpty)
        #expect(run.obligation(.acknowledge)?.status == .open && run.obligation(.notifyPolice)?.status == .open)

        let acknowledged = run.apply(Fixture.event(.acknowledged(IncidentAcknowledged()), by: Self.leadership, id: 12))
        #expect(acknowledged.obligationsMet.map(\.kind) == [.acknowledge])
        let notified = run.apply(
            Fixture.event(.actionRecorded(ActionRecorded(action: .policeNotified)), by: Self.leadership, id: 13)
        )
        #expect(notified.obligationsMet.map(\.kind) == [.notifyPolice])
        #expect(run.obligation(.notifyPolice)?.metBy == Self.leadership.id)
    }

    @Test func anUpdateNamingAManagerMovesTheHeadsOpenObligationsAndKeepsWhatWasMet() throws {
        var (run, _) = try reported([.student])
        run.apply(Fixture.event(.acknowledged(IncidentAcknowledged()), by: Self.head, id: 20))
        let dueBefore = try #require(run.obligation(.takeDown)?.dueAt)
        let update = run.apply(
            Fixture.event(
                .updated(IncidentUpdated(addedSubjects: [.manager])),
                by: Fixture.officer("gs-thcs-binh-son"),
                id: 21
            )
        )
        #expect(update.outcome == .applied)
        let acknowledgements = run.incident?.obligations.filter { $0.kind == .acknowledge } ?? []
        #expect(
            acknowledgements.map { "\($0.ownerRelation.rawValue)/\($0.status.rawValue)" }
                == ["school_head/met", "authority_leadership/open"],
            "the head's, met before anyone knew, stays met; the leadership must now take charge too"
        )
        let takeDown = try #require(run.obligation(.takeDown))
        #expect(takeDown.ownerRelation == .authorityLeadership && takeDown.ownerOfficerID == Self.leadership.id)
        #expect(takeDown.dueAt == dueBefore, "the deadline is kept")
        #expect(update.recipients(.incidentUpdated).contains(Self.leadership.id))
        let removed = run.apply(
            Fixture.event(.actionRecorded(ActionRecorded(action: .contentRemoved)), by: Self.leadership, id: 22)
        )
        #expect(removed.obligationsMet.map(\.kind).contains(.takeDown))
    }
}
