import Foundation
import Testing

@testable import WatchpostCore

@Suite struct EscalationTests {
    @Test func missedAcknowledgementEscalatesTwice() throws {
        let (directory, policy) = try Fixture.shipped()
        var run = Run(directory, policy)
        run.apply(Fixture.report(category: .other))
        let acknowledge = try #require(run.obligation(.acknowledge))
        #expect(
            DeadlineEnforcer.escalationEvent(
                for: acknowledge,
                incident: try #require(run.incident),
                policy: policy,
                now: Fixture.monday(8, 59)
            ) == nil
        )

        // Reported on Sunday afternoon: the head's two working hours run from Monday 07:00.
        let first = try run.escalateOverdue(.acknowledge, at: Fixture.monday(9))
        #expect(first.outcome == .applied)
        #expect(first.eventID == UUID.v5(namespace: .watchpost, name: "escalation:\(DerivedID.key(acknowledge.id)):1"))
        #expect(first.escalations.map(\.level) == [1])
        #expect(first.relations(.obligationEscalated) == [.authorityLeadership])
        #expect(first.recipients(.obligationEscalated) == ["ptp-vhxh-binh-son"])
        #expect(first.recipients(.obligationMissed) == ["ht-thcs-binh-son"])
        #expect(run.obligation(.acknowledge)?.level == 1)
        // Level 1 has 4 hours on the same clock: 09:00–11:30, then 13:30–15:00.
        #expect(run.obligation(.acknowledge)?.dueAt == Fixture.monday(15))
        // The reminders already due stay on record for the deadline auditor; the owner is
        // reminded again before the new level's deadline, at the policy's offsets (1 h, 15 min).
        let escalated = try #require(run.obligation(.acknowledge))
        #expect(
            escalated.remindersAt
                == acknowledge.remindersAt + [Fixture.monday(14), Fixture.monday(14, 45)]
        )
        #expect(
            DeadlineEnforcer.nextWakeUp(for: escalated, after: Fixture.monday(9)) == Fixture.monday(14),
            "a reminder is due at level 1 too"
        )
        let reminder = DeadlineEnforcer.dueReminder(
            for: escalated,
            incident: try #require(run.incident),
            directory: directory,
            now: Fixture.monday(14, 1)
        )
        #expect(reminder.alerts.map(\.recipient) == ["ht-thcs-binh-son"])
        #expect(reminder.alerts.map(\.template) == [.obligationReminder])

        // The head answers to the commune People's Committee, whose chair appoints them
        // (Circular 15/2025): a routine miss ends there, not at the Department.
        let second = try run.escalateOverdue(.acknowledge, at: Fixture.monday(15))
        #expect(second.escalations.map(\.level) == [2])
        #expect(Set(second.relations(.obligationEscalated)) == [.authorityHead, .communePeoplesCommittee])
        #expect(
            Set(second.recipients(.obligationEscalated)) == [
                "tp-vhxh-binh-son", "ct-ubnd-binh-son", "pct-ubnd-binh-son",
            ]
        )
        #expect(!second.relations(.obligationEscalated).contains(.departmentLeadership))
        #expect(run.incident?.escalationLevel == 2)
        #expect(run.obligation(.acknowledge)?.status == .open)
        // The last level is told again every 8 hours on the obligation's clock: Tuesday 15:00.
        let tuesday = CivilDay(year: 2026, month: 12, day: 1).at(hour: 15)
        #expect(run.obligation(.acknowledge)?.dueAt == tuesday)
        let again = try run.escalateOverdue(.acknowledge, at: tuesday)
        #expect(again.escalations.map(\.level) == [3])
        #expect(Set(again.relations(.obligationEscalated)) == [.authorityHead, .communePeoplesCommittee])
        #expect(again.recipients(.obligationMissed) == ["ht-thcs-binh-son"])
        #expect(run.obligation(.acknowledge)?.dueAt == CivilDay(year: 2026, month: 12, day: 2).at(hour: 15))
        // Once met, nothing more.
        let met = run.apply(
            Fixture.event(.acknowledged(IncidentAcknowledged()), by: Fixture.officer("ht-thcs-binh-son"), id: 600),
            at: tuesday.addingTimeInterval(60)
        )
        #expect(met.obligationsMet.map(\.kind).contains(.acknowledge))
        let last = try #require(run.obligation(.acknowledge))
        #expect(
            DeadlineEnforcer.escalationEvent(
                for: last,
                incident: try #require(run.incident),
                policy: policy,
                now: Fixture.minutes(99_999)
            ) == nil
        )
    }

    @Test func missedPoliceNotificationReachesProvincialPoliceAtLevelTwo() throws {
        let (directory, policy) = try Fixture.shipped()
        var run = Run(directory, policy)
        run.apply(Fixture.report(category: .lawViolationSigns))
        let first = try run.escalateOverdue(.notifyPolice, at: Fixture.minutes(120))
        #expect(first.relations(.obligationEscalated) == [.authorityLeadership, .communePoliceLiaison])
        let second = try run.escalateOverdue(.notifyPolice, at: Fixture.minutes(240))
        #expect(second.relations(.obligationEscalated) == [.authorityHead, .provincialPoliceLiaison])
        #expect(Set(second.recipients(.obligationEscalated)) == ["tp-vhxh-binh-son", "pa05-ca-tinh", "pa05-ca-tinh-2"])
    }

    @Test func actionAfterEscalationStillMeetsTheObligationAndStopsEscalation() throws {
        let (directory, policy) = try Fixture.shipped()
        var run = Run(directory, policy)
        run.apply(Fixture.report(category: .falseInformation))
        try run.escalateOverdue(.takeDown, at: Fixture.minutes(1_440))
        let removed = Fixture.event(
            .actionRecorded(ActionRecorded(action: .contentRemoved)),
            by: Fixture.officer("pht-thcs-binh-son"),
            id: 300
        )
        let decision = run.apply(removed, at: Fixture.minutes(1_500))
        let met = try #require(decision.obligationsMet.first { $0.kind == .takeDown })
        #expect(met.wasEscalated)
        #expect(decision.escalations.isEmpty)
        let takeDown = try #require(run.obligation(.takeDown))
        #expect(takeDown.status == .met && takeDown.level == 1)
        #expect(
            DeadlineEnforcer.escalationEvent(
                for: takeDown,
                incident: try #require(run.incident),
                policy: policy,
                now: Fixture.minutes(9_999)
            ) == nil
        )

        // A level-2 escalation already in flight when the action landed changes nothing.
        let late = Fixture.event(
            .escalated(IncidentEscalated(level: 2, reason: .deadlineMissed, obligationID: takeDown.id)),
            by: DeadlineEnforcer.source,
            id: 301
        )
        let lateDecision = run.apply(late, at: Fixture.minutes(1_501))
        #expect(lateDecision.outcome.note?.code == .obligationClosed)
        #expect(lateDecision.alerts.isEmpty)
    }

    @Test func replayedEscalationIsIgnored() throws {
        let (directory, policy) = try Fixture.shipped()
        var run = Run(directory, policy)
        run.apply(Fixture.report(category: .other))
        let state = try #require(run.incident)
        let obligation = try #require(run.obligation(.acknowledge))
        let event = try #require(
            DeadlineEnforcer.escalationEvent(
                for: obligation,
                incident: state,
                policy: policy,
                now: Fixture.monday(9, 1)
            )
        )
        #expect(run.apply(event, at: Fixture.monday(9, 1)).outcome == .applied)
        #expect(run.apply(event, at: Fixture.monday(9, 2)).outcome.note?.code == .alreadyEscalated)
    }

    @Test func remindersFireOnceEachBeforeTheDeadline() throws {
        let (directory, policy) = try Fixture.shipped()
        var run = Run(directory, policy)
        run.apply(Fixture.report(category: .other))
        let state = try #require(run.incident)
        let obligation = try #require(run.obligation(.acknowledge))
        // Due Monday 09:00 in working time; reminded 1 h and 15 min before, at 08:00 and 08:45.
        #expect(obligation.remindersAt == [Fixture.monday(8), Fixture.monday(8, 45)])
        #expect(
            DeadlineEnforcer.dueReminder(
                for: obligation,
                incident: state,
                directory: directory,
                now: Fixture.monday(7, 59)
            ).alerts.isEmpty
        )
        let early = DeadlineEnforcer.dueReminder(
            for: obligation,
            incident: state,
            directory: directory,
            now: Fixture.monday(8, 1)
        )
        #expect(early.alerts.map(\.recipient) == ["ht-thcs-binh-son"])
        #expect(early.alerts.first?.template == .obligationReminder)
        let again = DeadlineEnforcer.dueReminder(
            for: obligation,
            incident: state,
            directory: directory,
            now: Fixture.monday(8, 10)
        )
        #expect(again.alerts.map(\.id) == early.alerts.map(\.id), "same reminder, same id")
        let late = DeadlineEnforcer.dueReminder(
            for: obligation,
            incident: state,
            directory: directory,
            now: Fixture.monday(8, 46)
        )
        #expect(late.alerts.map(\.id) != early.alerts.map(\.id))
        #expect(
            DeadlineEnforcer.dueReminder(
                for: obligation,
                incident: state,
                directory: directory,
                now: Fixture.monday(9, 1)
            ).alerts.isEmpty
        )
        #expect(DeadlineEnforcer.nextWakeUp(for: obligation, after: Fixture.monday(8, 1)) == Fixture.monday(8, 45))
        #expect(DeadlineEnforcer.nextWakeUp(for: obligation, after: Fixture.monday(8, 46)) == Fixture.monday(9))
    }

    @Test func manualEscalationFollowsTheManualChain() throws {
        let (directory, policy) = try Fixture.shipped()
        var run = Run(directory, policy)
        run.apply(Fixture.report(category: .other))
        let manual = Fixture.event(
            .escalated(IncidentEscalated(level: 1, reason: .manual)),
            by: Fixture.officer("cv-vhxh-binh-son"),
            id: 400
        )
        let decision = run.apply(manual, at: Fixture.minutes(5))
        #expect(decision.outcome == .applied)
        #expect(decision.recipients(.incidentEscalated) == ["ptp-vhxh-binh-son"])
        let byHead = Fixture.event(
            .escalated(IncidentEscalated(level: 2, reason: .manual)),
            by: Fixture.officer("ht-thcs-binh-son"),
            id: 401
        )
        #expect(run.apply(byHead).outcome.note?.code == .notResponsible)
    }

    @Test func childAtRiskChainReachesTheCommunePeoplesCommittee() throws {
        let (directory, policy) = try Fixture.shipped()
        var run = Run(directory, policy)
        let report = run.apply(Fixture.report(category: .childAtRisk, severity: .high))
        #expect(report.recipients(.incidentNew).contains("ct-ubnd-binh-son"), "the chair knows at once")

        let first = try run.escalateOverdue(.acknowledge, at: Fixture.minutes(30))
        #expect(
            first.relations(.obligationEscalated)
                == [.authorityLeadership, .authorityHead, .communePeoplesCommittee, .provincialPoliceLiaison]
        )
        let committee = first.alerts.filter { $0.relation == .communePeoplesCommittee }
        #expect(committee.map(\.recipient) == ["ct-ubnd-binh-son", "pct-ubnd-binh-son"], "chair, then vice-chair")
        #expect(run.obligation(.acknowledge)?.dueAt == Fixture.minutes(90))

        let second = try run.escalateOverdue(.acknowledge, at: Fixture.minutes(90))
        #expect(second.relations(.obligationEscalated) == [.departmentLeadership, .communePeoplesCommittee])
        #expect(second.recipients(.obligationEscalated).contains("pgd-so-gddt"))
    }

    @Test func silentDeskIsEscalatedToItsOwnLeadershipAndTheHeadIsNotBlamed() throws {
        let (directory, policy) = try Fixture.shipped()
        var run = Run(directory, policy)
        run.apply(Fixture.report(category: .schoolViolence, severity: .medium))
        let receipt = try #require(run.obligation(.acknowledgeReceipt))
        #expect(receipt.ownerOfficerID == "cv-vhxh-binh-son")
        // 4 working hours from Monday 07:00.
        #expect(receipt.dueAt == Fixture.monday(11))
        let head = Fixture.officer("ht-thcs-binh-son")
        run.apply(Fixture.event(.acknowledged(IncidentAcknowledged()), by: head, id: 500), at: Fixture.minutes(10))
        run.apply(
            Fixture.event(.actionRecorded(ActionRecorded(action: .authorityReported)), by: head, id: 501),
            at: Fixture.minutes(20)
        )
        #expect(run.obligation(.reportToAuthority)?.status == .met)

        let escalated = try run.escalateOverdue(.acknowledgeReceipt, at: Fixture.monday(11))
        #expect(escalated.outcome == .applied)
        #expect(escalated.relations(.obligationEscalated) == [.authorityLeadership])
        #expect(escalated.recipients(.obligationEscalated) == ["ptp-vhxh-binh-son"])
        #expect(escalated.recipients(.obligationMissed) == ["cv-vhxh-binh-son"])
        #expect(!escalated.alerts.contains { $0.recipient == "ht-thcs-binh-son" }, "the head is not told he missed it")
        let state = try #require(run.incident)
        #expect(state.escalationLevel == 1)
        for owed in state.openObligations where owed.ownerRelation == .schoolHead {
            #expect(owed.level == 0, "\(owed.kind) of the head stays unescalated")
            #expect(
                DeadlineEnforcer.escalationEvent(for: owed, incident: state, policy: policy, now: Fixture.monday(11))
                    == nil
            )
        }

        let late = run.apply(
            Fixture.event(.acknowledged(IncidentAcknowledged()), by: Fixture.officer("cv-vhxh-binh-son"), id: 502),
            at: Fixture.monday(11, 30)
        )
        #expect(late.obligationsMet.map(\.kind) == [.acknowledgeReceipt])
        #expect(late.obligationsMet.first?.wasEscalated == true)
    }
}
