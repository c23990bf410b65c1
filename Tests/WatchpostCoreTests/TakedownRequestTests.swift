import Foundation
import Testing

@testable import WatchpostCore

/// A school cannot remove a post in a parents' group: it requests the takedown, its own duty is
/// done, and the supervising authority follows the request until the content is gone (issue 28).
@Suite struct TakedownRequestTests {
    static let head = Fixture.officer("ht-thcs-binh-son")
    static let desk = "cv-vhxh-binh-son"

    private func requested(at minutes: Double = 30) throws -> (Run, RoutingDecision) {
        let (directory, policy) = try Fixture.shipped()
        var run = Run(directory, policy)
        run.apply(Fixture.report(category: .falseInformation))
        let decision = run.apply(
            Fixture.event(
                .actionRecorded(ActionRecorded(action: .takedownRequested, note: "Đã đề nghị Facebook gỡ bài")),
                by: Self.head,
                id: 10
            ),
            at: Fixture.minutes(minutes)
        )
        return (run, decision)
    }

    @Test func requestingATakedownMeetsTheSchoolsDutyAndOpensTheAuthoritysFollowUp() throws {
        let (run, decision) = try requested()
        #expect(decision.outcome == .applied)
        #expect(Set(decision.obligationsMet.map(\.kind)) == [.takeDown, .acknowledge])
        let followUp = try #require(decision.obligationsOpened.first { $0.kind == .followUpTakedown })
        #expect(followUp.ownerRelation == .authorityDesk && followUp.ownerOfficerID == Self.desk)
        #expect(followUp.dueAt == Fixture.minutes(30 + 24 * 60))
        #expect(followUp.chain == "missed-deadline" && followUp.reasonID == "takedown-request-24h")
        #expect(decision.recipients(.incidentUpdated).contains(Self.desk))
        #expect(run.obligation(.publishCorrection)?.status == .open, "the correction is still the school's")
    }

    @Test func theFollowUpIsMetWhenTheContentIsGone() throws {
        var (run, _) = try requested()
        let removed = run.apply(
            Fixture.event(
                .actionRecorded(ActionRecorded(action: .contentRemoved)),
                by: Fixture.officer(Self.desk),
                id: 11
            ),
            at: Fixture.minutes(600)
        )
        #expect(removed.obligationsMet.map(\.kind) == [.followUpTakedown])
    }

    @Test func aMissedFollowUpEscalatesWithinTheAuthorityNeverToTheHead() throws {
        var (run, _) = try requested()
        let escalated = try run.escalateOverdue(.followUpTakedown, at: Fixture.minutes(30 + 24 * 60))
        #expect(escalated.relations(.obligationEscalated) == [.authorityLeadership])
        #expect(escalated.recipients(.obligationMissed) == [Self.desk])
        #expect(!escalated.alerts.contains { $0.recipient == Self.head.id })
    }

    @Test func aSecondRequestOpensNoSecondFollowUp() throws {
        var (run, _) = try requested()
        let again = run.apply(
            Fixture.event(.actionRecorded(ActionRecorded(action: .takedownRequested)), by: Self.head, id: 12),
            at: Fixture.minutes(90)
        )
        #expect(again.obligationsOpened.isEmpty)
    }
}
