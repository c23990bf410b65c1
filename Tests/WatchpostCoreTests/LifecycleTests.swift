import Foundation
import Testing

@testable import WatchpostCore

@Suite struct LifecycleTests {
    static let head = Fixture.officer("ht-thcs-binh-son")

    private func reported() throws -> Run {
        let (directory, policy) = try Fixture.shipped()
        var run = Run(directory, policy)
        run.apply(Fixture.report(category: .falseInformation))
        return run
    }

    @Test func statusMovesFromReportedThroughMitigatingToResolved() throws {
        var run = try reported()
        #expect(run.incident?.status == .reported)
        run.apply(Fixture.event(.acknowledged(IncidentAcknowledged()), by: Self.head, id: 10), at: Fixture.minutes(5))
        #expect(run.incident?.status == .acknowledged)
        #expect(run.obligation(.acknowledge)?.status == .met)
        run.apply(
            Fixture.event(.actionRecorded(ActionRecorded(action: .contentRemoved)), by: Self.head, id: 11),
            at: Fixture.minutes(30)
        )
        #expect(run.incident?.status == .mitigating)
        let resolved = run.apply(
            Fixture.event(.resolved(IncidentResolved(note: "Đã gỡ, đã đính chính")), by: Self.head, id: 12),
            at: Fixture.minutes(60)
        )
        #expect(run.incident?.status == .resolved)
        #expect(
            resolved.obligationsCancelled.map(\.obligationID) == [try #require(run.obligation(.publishCorrection)).id]
        )
        #expect(run.incident?.openObligations.isEmpty == true)
        #expect(
            !resolved.recipients(.incidentResolved).contains("ht-thcs-binh-son"),
            "the resolver is not told what they did"
        )
        #expect(resolved.recipients(.incidentResolved).contains("cv-vhxh-binh-son"))
    }

    @Test func duplicateAcknowledgementIsIgnored() throws {
        var run = try reported()
        #expect(
            run.apply(Fixture.event(.acknowledged(IncidentAcknowledged()), by: Self.head, id: 10)).outcome == .applied
        )
        let again = run.apply(
            Fixture.event(.acknowledged(IncidentAcknowledged(note: "lần nữa")), by: Self.head, id: 11)
        )
        #expect(again.outcome.note?.code == .duplicateAcknowledgement)
        if case .ignored = again.outcome {} else { Issue.record("expected ignored, got \(again.outcome)") }
        #expect(again.alerts.isEmpty && again.obligationsMet.isEmpty)
    }

    @Test(arguments: [
        EventPayload.acknowledged(IncidentAcknowledged()),
        .actionRecorded(ActionRecorded(action: .contentRemoved)),
        .updated(IncidentUpdated(severity: .critical)),
        .escalated(IncidentEscalated(level: 1, reason: .manual)),
        .resolved(IncidentResolved()),
    ])
    func eventsForAResolvedIncidentAreIgnoredWithReason(_ payload: EventPayload) throws {
        var run = try reported()
        run.apply(Fixture.event(.resolved(IncidentResolved()), by: Self.head, id: 20))
        let source = payload.type == .incidentEscalated ? Fixture.officer("cv-vhxh-binh-son") : Self.head
        let decision = run.apply(Fixture.event(payload, by: source, id: 21), at: Fixture.minutes(5))
        guard case .ignored(let note) = decision.outcome else {
            Issue.record("expected ignored, got \(decision.outcome)")
            return
        }
        #expect(note.code == .incidentResolved)
        #expect(decision.incident == run.incident)
        #expect(decision.alerts.isEmpty)
    }

    @Test func reopeningStartsTheObligationsAfresh() throws {
        var run = try reported()
        run.apply(Fixture.event(.acknowledged(IncidentAcknowledged()), by: Self.head, id: 10))
        run.apply(Fixture.event(.resolved(IncidentResolved()), by: Self.head, id: 11), at: Fixture.minutes(10))
        let reopen = Fixture.event(
            .reopened(IncidentReopened(reason: "Bài đăng lại xuất hiện")),
            by: Fixture.officer("gs-thcs-binh-son"),
            id: 12
        )
        let decision = run.apply(reopen, at: Fixture.minutes(600))
        #expect(decision.outcome == .applied)
        #expect(run.incident?.status == .reported)
        #expect(run.incident?.reopenCount == 1)
        let acknowledge = try #require(decision.obligationsOpened.first { $0.kind == .acknowledge })
        // Reopened at 00:30 on Monday: two working hours from 07:00.
        #expect(acknowledge.dueAt == Fixture.monday(9))
        #expect(decision.recipients(.incidentReopened).contains("ht-thcs-binh-son"))
        // The head may acknowledge again after a reopen.
        #expect(
            run.apply(
                Fixture.event(.acknowledged(IncidentAcknowledged()), by: Self.head, id: 13),
                at: Fixture.minutes(601)
            ).outcome == .applied
        )
    }

    @Test func reopeningAnOpenIncidentIsIgnored() throws {
        var run = try reported()
        let decision = run.apply(Fixture.event(.reopened(IncidentReopened(reason: "x")), by: Self.head, id: 12))
        #expect(decision.outcome.note?.code == .notResolved)
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let payload: EventPayload
        let source: EventSource
        let code: RoutingNote.Code
    }

    static let refusals: [Refusal] = [
        Refusal(
            testDescription: "a monitor acknowledges",
            payload: .acknowledged(IncidentAcknowledged()),
            source: Fixture.officer("gs-thcs-binh-son"),
            code: .notResponsible
        ),
        Refusal(
            testDescription: "another school's head acts",
            payload: .actionRecorded(ActionRecorded(action: .contentRemoved)),
            source: Fixture.officer("ht-thcs-binh-minh"),
            code: .notResponsible
        ),
        Refusal(
            testDescription: "a tool resolves",
            payload: .resolved(IncidentResolved()),
            source: EventSource(kind: .tool, id: "crawler"),
            code: .notResponsible
        ),
        Refusal(
            testDescription: "Watchpost acknowledges",
            payload: .acknowledged(IncidentAcknowledged()),
            source: DeadlineEnforcer.source,
            code: .notResponsible
        ),
        Refusal(
            testDescription: "an unknown officer acts",
            payload: .actionRecorded(ActionRecorded(action: .other)),
            source: Fixture.officer("nobody"),
            code: .unknownOfficer
        ),
        Refusal(
            testDescription: "the commune police acknowledge an incident never routed to them",
            payload: .acknowledged(IncidentAcknowledged()),
            source: Fixture.officer("ca-xa-binh-son-anm"),
            code: .notResponsible
        ),
        Refusal(
            testDescription: "the commune police record an action on an incident never routed to them",
            payload: .actionRecorded(ActionRecorded(action: .policeNotified)),
            source: Fixture.officer("ca-xa-binh-son-anm"),
            code: .notResponsible
        ),
        Refusal(
            testDescription: "the police resolve",
            payload: .resolved(IncidentResolved()),
            source: Fixture.officer("ca-xa-binh-son-anm"),
            code: .notResponsible
        ),
        Refusal(
            testDescription: "escalation without obligation for a missed deadline",
            payload: .escalated(IncidentEscalated(level: 1, reason: .deadlineMissed)),
            source: DeadlineEnforcer.source,
            code: .missingObligation
        ),
        Refusal(
            testDescription: "escalation of an unknown obligation",
            payload: .escalated(IncidentEscalated(level: 1, reason: .deadlineMissed, obligationID: Fixture.uuid(999))),
            source: DeadlineEnforcer.source,
            code: .unknownObligation
        ),
    ]

    @Test(arguments: refusals)
    func eventsFromSomeoneWithoutResponsibilityAreRejected(_ refusal: Refusal) throws {
        var run = try reported()
        let before = run.incident
        let decision = run.apply(Fixture.event(refusal.payload, by: refusal.source, id: 30))
        guard case .rejected(let note) = decision.outcome else {
            Issue.record("expected rejected, got \(decision.outcome)")
            return
        }
        #expect(note.code == refusal.code)
        #expect(decision.incident == before)
        #expect(decision.alerts.isEmpty && decision.obligationsOpened.isEmpty)
    }

    @Test func policeLiaisonMayActOnceTheIncidentIsRoutedToThem() throws {
        let police = Fixture.officer("ca-xa-binh-son-anm")
        var run = try reported()
        #expect(run.incident?.isRouted(to: police.id) == false)
        let early = run.apply(Fixture.event(.acknowledged(IncidentAcknowledged()), by: police, id: 50))
        #expect(early.outcome.note?.code == .notResponsible)
        // Raising the severity of a false-information report brings in the police at the same level.
        run.apply(Fixture.event(.updated(IncidentUpdated(severity: .critical)), by: Self.head, id: 51))
        #expect(run.incident?.isRouted(to: police.id) == true)
        let routed = run.apply(Fixture.event(.acknowledged(IncidentAcknowledged()), by: police, id: 52))
        #expect(routed.outcome == .applied)
        #expect(run.incident?.acknowledgedBy.contains(police.id) == true)
    }

    @Test func acknowledgementBeforeAnyReportIsRejected() throws {
        let (directory, policy) = try Fixture.shipped()
        var run = Run(directory, policy)
        let decision = run.apply(Fixture.event(.acknowledged(IncidentAcknowledged()), by: Self.head, id: 40))
        #expect(decision.outcome.note?.code == .unknownIncident)
        #expect(decision.incident == nil)
    }

    @Test func eventForAnotherUnitIsRejected() throws {
        var run = try reported()
        let decision = run.apply(
            Fixture.event(.acknowledged(IncidentAcknowledged()), by: Self.head, id: 41, unit: "thcs-binh-minh")
        )
        #expect(decision.outcome.note?.code == .unitMismatch)
    }

    @Test func reportForAUnitThatIsNotASchoolIsRejected() throws {
        let (directory, policy) = try Fixture.shipped()
        var run = Run(directory, policy)
        #expect(run.apply(Fixture.report(category: .other, unit: "xa-binh-son")).outcome.note?.code == .unknownUnit)
        #expect(run.apply(Fixture.report(category: .other, unit: "truong-khong-co")).outcome.note?.code == .unknownUnit)
    }

    @Test func duplicateReportAttachesToTheOpenIncident() throws {
        let run = try reported()
        let open = try #require(run.incident)
        let second = Fixture.report(
            category: .falseInformation,
            severity: .high,
            url: "https://www.facebook.com/share/p/abc123/?fbclid=XYZ",
            incident: Fixture.uuid(2),
            event: Fixture.uuid(101),
            by: Fixture.officer("cv-vhxh-binh-son")
        )
        var other = Run(run.directory, run.policy)
        let decision = other.apply(second, at: Fixture.minutes(20), openDuplicate: open)
        #expect(decision.outcome == .applied)
        #expect(decision.incidentID == open.id)
        #expect(decision.evidenceAttached?.reportedBy == Fixture.officer("cv-vhxh-binh-son"))
        #expect(decision.incident?.evidence.count == 2)
        #expect(decision.alerts.isEmpty && decision.obligationsOpened.isEmpty, "a duplicate pages nobody")
    }

    @Test func reportWithADifferentKeyOpensItsOwnIncident() throws {
        let run = try reported()
        let open = try #require(run.incident)
        var other = Run(run.directory, run.policy)
        let decision = other.apply(
            Fixture.report(
                category: .other,
                url: "https://www.tiktok.com/@x/video/1",
                incident: Fixture.uuid(3),
                event: Fixture.uuid(102)
            ),
            openDuplicate: open
        )
        #expect(decision.incidentID == Fixture.uuid(3))
        #expect(decision.evidenceAttached == nil)
        #expect(!decision.obligationsOpened.isEmpty)
    }

    @Test func raisingSeverityTightensTheAcknowledgementAndAlertsThePolice() throws {
        var run = try reported()
        let update = Fixture.event(
            .updated(IncidentUpdated(severity: .critical)),
            by: Fixture.officer("gs-thcs-binh-son"),
            id: 50
        )
        let decision = run.apply(update, at: Fixture.minutes(10))
        #expect(decision.outcome == .applied)
        #expect(run.obligation(.acknowledge)?.dueAt == Fixture.minutes(30))
        #expect(decision.obligationsChanged.map(\.kind) == [.acknowledge])
        #expect(decision.obligationsOpened.map(\.kind) == [.notifyPolice])
        #expect(decision.relations(.incidentUpdated).contains(.communePoliceLiaison))
        #expect(!decision.recipients(.incidentUpdated).contains("cv-vhxh-binh-son"), "the desk already knew")
    }
}
