import Foundation
import Testing

@testable import WatchpostCore

/// Which new deliveries go at once and which wait for a grouped message (D58).
@Suite struct DeliveryHoldPlannerTests {
    static let t0 = Fixture.t0
    static let grouping = AlertGrouping(
        windows: [.incidentNew: .seconds(600), .obligationReminder: .seconds(1_800)],
        rateLimit: AlertGrouping.RateLimit(messages: 3, per: .seconds(3_600))
    )

    static func candidate(
        _ recipient: OfficerID = "ca-xa",
        _ template: AlertTemplate = .incidentNew,
        channel: ChannelKind? = .sms,
        urgent: Bool = false,
        deadline: Date? = nil
    ) -> DeliveryHoldPlanner.Candidate {
        DeliveryHoldPlanner.Candidate(
            recipient: recipient,
            channel: channel,
            template: template,
            urgent: urgent,
            deadline: deadline
        )
    }

    @Test func theFirstAlertGoesAtOnceAndTheNextOnesWaitForOneGroupAtTheWindowsEnd() {
        var planner = DeliveryHoldPlanner(grouping: Self.grouping, now: Self.t0, histories: [:])
        #expect(planner.decide(Self.candidate()) == .sendNow)
        let end = Self.t0.addingTimeInterval(600)
        let group = DeliveryHoldPlanner.groupKey(recipient: "ca-xa", until: end)
        for _ in 0..<49 {
            #expect(planner.decide(Self.candidate()) == .hold(until: end, group: group))
        }
        // Another official's first alert is theirs alone.
        #expect(planner.decide(Self.candidate("ht-1")) == .sendNow)
    }

    @Test func aStoredGroupWithinTheWindowIsJoined() {
        let stored = Self.t0.addingTimeInterval(300)
        let history = DeliveryHoldPlanner.RecipientHistory(
            lastMessageAt: Self.t0.addingTimeInterval(-300),
            heldGroups: ["ca-xa@1": stored]
        )
        var planner = DeliveryHoldPlanner(grouping: Self.grouping, now: Self.t0, histories: ["ca-xa": history])
        #expect(planner.decide(Self.candidate()) == .hold(until: stored, group: "ca-xa@1"))
    }

    @Test func aWriterWhoseBatchStartedEarlierJoinsTheGroupALaterOneOpened() {
        // Another worker's batch, stamped 2 s after this one, sent the first alert and opened
        // the group; this batch took the recipient's lock after it.
        let later = Self.t0.addingTimeInterval(2)
        let group = DeliveryHoldPlanner.groupKey(recipient: "ca-xa", until: later.addingTimeInterval(600))
        let history = DeliveryHoldPlanner.RecipientHistory(
            lastMessageAt: later,
            heldGroups: [group: later.addingTimeInterval(600)]
        )
        var planner = DeliveryHoldPlanner(grouping: Self.grouping, now: Self.t0, histories: ["ca-xa": history])
        #expect(planner.decide(Self.candidate()) == .hold(until: later.addingTimeInterval(600), group: group))
    }

    @Test func aMessageOlderThanTheWindowLetsTheNextAlertGoAtOnce() {
        let history = DeliveryHoldPlanner.RecipientHistory(lastMessageAt: Self.t0.addingTimeInterval(-601))
        var planner = DeliveryHoldPlanner(grouping: Self.grouping, now: Self.t0, histories: ["ca-xa": history])
        #expect(planner.decide(Self.candidate()) == .sendNow)
    }

    @Test func urgentAlertsAndFailureNoticesAreNeverHeld() {
        let history = DeliveryHoldPlanner.RecipientHistory(lastMessageAt: Self.t0)
        var planner = DeliveryHoldPlanner(grouping: Self.grouping, now: Self.t0, histories: ["ca-xa": history])
        #expect(planner.decide(Self.candidate(urgent: true)) == .sendNow)
        #expect(planner.decide(Self.candidate(urgent: true)) == .sendNow)
        #expect(planner.decide(Self.candidate("ca-xa", .deliveryFailed)) == .sendNow)
    }

    @Test func aCallIsNeverHeldNorCountedIntoAGroup() {
        let history = DeliveryHoldPlanner.RecipientHistory(lastMessageAt: Self.t0)
        var planner = DeliveryHoldPlanner(grouping: Self.grouping, now: Self.t0, histories: ["ca-xa": history])
        #expect(planner.decide(Self.candidate(channel: .voice)) == .sendNow)
        #expect(planner.decide(Self.candidate(channel: .voice)) == .sendNow)
        #expect(planner.decide(Self.candidate()) != .sendNow, "a message after the calls is still grouped")
    }

    @Test func anAlertThatWouldArriveLessThanAWindowBeforeItsDeadlineGoesAtOnce() {
        let history = DeliveryHoldPlanner.RecipientHistory(lastMessageAt: Self.t0)
        var planner = DeliveryHoldPlanner(grouping: Self.grouping, now: Self.t0, histories: ["ht-1": history])
        // A reminder 15 minutes before its deadline: held 30 minutes it would come too late.
        #expect(
            planner.decide(Self.candidate("ht-1", .obligationReminder, deadline: Self.t0.addingTimeInterval(900)))
                == .sendNow
        )
        // Two hours ahead there is room.
        let held = planner.decide(Self.candidate("ht-1", .incidentNew, deadline: Self.t0.addingTimeInterval(7_200)))
        #expect(held != .sendNow)
    }

    @Test func pastTheRateLimitAlertsWithoutAWindowWaitUntilTheLimitFreesUp() {
        let sent = [-3_000.0, -2_000, -1_000].map { Self.t0.addingTimeInterval($0) }
        let history = DeliveryHoldPlanner.RecipientHistory(
            lastMessageAt: sent.last,
            messagesAt: [.sms: sent]
        )
        var planner = DeliveryHoldPlanner(grouping: Self.grouping, now: Self.t0, histories: ["ca-xa": history])
        let frees = Self.t0.addingTimeInterval(600)  // the oldest leaves the hour
        let group = DeliveryHoldPlanner.groupKey(recipient: "ca-xa", until: frees)
        #expect(planner.decide(Self.candidate("ca-xa", .obligationEscalated)) == .hold(until: frees, group: group))
        #expect(planner.decide(Self.candidate("ca-xa", .incidentResolved)) == .hold(until: frees, group: group))
        // The limit is per channel: e-mail is not limited by the texts.
        #expect(planner.decide(Self.candidate("ca-xa", .obligationEscalated, channel: .email)) == .sendNow)
    }

    @Test func belowTheRateLimitAlertsWithoutAWindowGoAtOnce() {
        var planner = DeliveryHoldPlanner(grouping: Self.grouping, now: Self.t0, histories: [:])
        for _ in 0..<3 { #expect(planner.decide(Self.candidate("ca-xa", .obligationEscalated)) == .sendNow) }
        #expect(planner.decide(Self.candidate("ca-xa", .obligationEscalated)) != .sendNow)
    }
}
