import Foundation
import Testing

@testable import WatchpostCore

/// Calls (issue 30): a child at risk out of working hours is a call to the head and the duty
/// officer before any message; in working hours it is not; the last level of the chain calls its
/// last responder; the loader names a wrong `call`.
struct VoiceCallRoutingTests {
    typealias P = PresenceRoutingTests

    @Test func aChildAtRiskOnASundayCallsTheHeadAndTheDutyOfficerBeforeAnyMessage() throws {
        let directory = try P.headOfTheAuthorityOnDuty()
        var run = Run(directory, try Policy.load(contentsOf: Fixture.policyURL))
        let decision = run.apply(Fixture.report(category: .childAtRisk, severity: .high))
        for officer in [P.head, P.authorityHead] {
            let delivery = try #require(decision.deliveries.first { $0.recipient == officer })
            let channels = try #require(directory.officer(officer)).channels
            let phone = try #require(channels.first { $0.kind == .sms || $0.kind == .zalo })
            #expect(delivery.channels == [Channel(kind: .voice, address: phone.address)] + channels, "\(officer)")
        }
        let others = decision.deliveries.filter { ![P.head, P.authorityHead].contains($0.recipient) }
        #expect(!others.isEmpty && others.allSatisfy { $0.channels.first?.kind != .voice })
    }

    @Test func aChildAtRiskInWorkingHoursIsNoCall() throws {
        var run = Run(try P.headOfTheAuthorityOnDuty(), try Policy.load(contentsOf: Fixture.policyURL))
        var report = Fixture.report(category: .childAtRisk, severity: .high)
        report.occurredAt = Fixture.monday(9)
        let decision = run.apply(report, at: Fixture.monday(9))
        #expect(!decision.deliveries.isEmpty)
        #expect(decision.deliveries.allSatisfy { !$0.channels.contains { $0.kind == .voice } })
    }

    @Test func theLastLevelCallsItsLastResponderEachTimeItIsTold() throws {
        let directory = try P.headOfTheAuthorityOnDuty()
        var run = Run(directory, try Policy.load(contentsOf: Fixture.policyURL))
        run.apply(Fixture.report(category: .childAtRisk, severity: .high))
        // child-at-risk (level 1, 1 h), then `department`, whose one level calls the duty officer.
        try run.escalateOverdue(.acknowledge, at: Fixture.minutes(31))
        let last = try run.escalateOverdue(.acknowledge, at: Fixture.minutes(92))
        let duty = try #require(
            last.deliveries.first { $0.recipient == P.authorityHead },
            "\(last.outcome) \(last.alerts.map { "\($0.recipient) \($0.relation) \($0.reason)" })"
        )
        #expect(duty.channels.first?.kind == .voice)
        let told = last.alerts.filter { $0.relation != .dutyOfficer && $0.relation != .schoolHead }
        #expect(!told.isEmpty)
        for alert in told {
            let delivery = try #require(last.deliveries.first { $0.alertID == alert.id })
            #expect(delivery.channels.first?.kind != .voice, "\(alert.relation) is told, not called")
        }
    }

    @Test func aCallToAnOfficerWithoutAPhoneIsTheirMessagesAlone() {
        let officer = Officer(
            id: "x",
            name: "X",
            unit: "u",
            roles: [.head],
            channels: [Channel(kind: .email, address: "x@example.invalid")]
        )
        #expect(officer.voiceChannels.isEmpty)
    }

    static let broken: [BrokenConfig] = [
        BrokenConfig(
            name: "an unknown call policy",
            replacing: "        reason: ack",
            with: "        reason: ack\n        call: at_night #!",
            expectedMessage: "`call` must be one of never, out_of_hours, always"
        ),
        BrokenConfig(
            name: "a level calling an unknown relation",
            replacing: "      - notify: [authority_head]\n",
            with: "      - notify: [authority_head]\n        call: [night_watch] #!\n",
            expectedMessage: "unknown relation `night_watch`"
        ),
    ]

    @Test(arguments: broken)
    func theLoaderNamesAWrongCall(_ broken: BrokenConfig) {
        broken.check(base: PolicyLoaderTests.valid, file: "Config/routing.yaml") { yaml, file throws(ConfigError) in
            _ = try Policy.load(yaml: yaml, file: file)
        }
    }

    @Test func theLoaderReadsCalls() throws {
        let yaml = PolicyLoaderTests.valid
            .replacingOccurrences(of: "        reason: ack", with: "        reason: ack\n        call: always")
            .replacingOccurrences(
                of: "      - notify: [authority_head]\n",
                with: "      - notify: [authority_head]\n        call: [duty_officer]\n"
            )
        let policy = try Policy.load(yaml: yaml, file: "routing.yaml")
        #expect(policy.rules.first?.obligations.first?.call == .always)
        let last = try #require(policy.chains["missed"]?.levels.last)
        #expect(last.call == [.dutyOfficer])
        #expect(last.told == [.authorityHead, .dutyOfficer])
    }
}
