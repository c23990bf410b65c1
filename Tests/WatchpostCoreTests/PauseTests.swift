import Foundation
import Testing

@testable import WatchpostCore

/// Waiting on someone else (issue 29): an action the policy names (`pauses`) makes obligations
/// wait, visibly, until a set time; the deadline then resumes with the time that was left, and
/// the owner is reminded as the wait ends. Nothing escalates while it waits.
struct PauseTests {
    @Test func aTakedownPausedForThePlatformResumesWithTheTimeThatWasLeft() throws {
        let (directory, policy) = try Fixture.shipped()
        var run = Run(directory, policy)
        run.apply(Fixture.report(category: .falseInformation))
        let before = try #require(run.obligation(.takeDown))
        #expect(before.dueAt == Fixture.minutes(24 * 60))
        // Two hours in, the authority's desk asks the platform: the school's takedown waits 24 h.
        let requested = Fixture.event(
            .actionRecorded(ActionRecorded(action: .takedownRequested)),
            by: Fixture.officer("cv-vhxh-binh-son"),
            id: 800
        )
        run.apply(requested, at: Fixture.minutes(120))
        let paused = try #require(run.obligation(.takeDown))
        #expect(paused.status == .open, "the desk's request does not do the school's takedown")
        #expect(paused.pausedUntil == Fixture.minutes(120 + 24 * 60))
        #expect(paused.pauseReason?.legalBasis.contains("147/2024") == true)
        // 22 hours were left: due 22 hours after the wait.
        let resumed = Fixture.minutes(120 + 24 * 60 + 22 * 60)
        #expect(paused.dueAt == resumed)
        // Reminded as the wait ends, then 12 h and 2 h before the resumed deadline.
        let ahead = paused.remindersAt.filter { $0 > Fixture.minutes(120) }
        #expect(
            ahead == [
                Fixture.minutes(120 + 24 * 60), resumed.addingTimeInterval(-12 * 3600),
                resumed.addingTimeInterval(-2 * 3600),
            ]
        )

        let state = try #require(run.incident)
        #expect(
            DeadlineEnforcer.escalationEvent(for: paused, incident: state, policy: policy, now: before.dueAt!) == nil,
            "nothing escalates at the old deadline"
        )
        let end = DeadlineEnforcer.dueReminder(
            for: paused,
            incident: state,
            directory: directory,
            now: Fixture.minutes(120 + 24 * 60 + 1)
        )
        #expect(end.alerts.map(\.recipient) == ["ht-thcs-binh-son"], "the owner hears the wait is over")
        #expect(end.alerts.first?.template == .obligationReminder)
        #expect(DeadlineEnforcer.escalationEvent(for: paused, incident: state, policy: policy, now: resumed) != nil)
    }

    @Test func aCorrectionWaitsForThePoliceOnceTheyAreTold() throws {
        let (directory, policy) = try Fixture.shipped()
        var run = Run(directory, policy)
        run.apply(Fixture.report(category: .lawViolationSigns))
        let told = Fixture.event(
            .actionRecorded(ActionRecorded(action: .policeNotified)),
            by: Fixture.officer("ht-thcs-binh-son"),
            id: 801
        )
        let decision = run.apply(told, at: Fixture.minutes(60))
        #expect(decision.obligationsMet.map(\.kind).contains(.notifyPolice))
        let correction = try #require(run.obligation(.publishCorrection))
        #expect(correction.pausedUntil == Fixture.minutes(60 + 24 * 60))
        #expect(correction.dueAt == Fixture.minutes(60 + 24 * 60 + 23 * 60))
    }

    @Test func anUnknownActionOrReasonInPausesIsNamed() throws {
        let shipped = try String(contentsOf: Fixture.policyURL, encoding: .utf8)
        for broken in [
            BrokenConfig(
                name: "unknown action",
                replacing: "pauses:\n  # Cơ quan",
                with:
                    "pauses:\n  platform_asked: #!\n    - { kind: take_down, for: 24h, reason: awaiting-platform }\n  # Cơ quan",
                expectedMessage: "unknown action `platform_asked` in `pauses`"
            ),
            BrokenConfig(
                name: "unknown reason",
                replacing: "      reason: awaiting-police\n",
                with: "      reason: awaiting-court #!\n",
                expectedMessage: "unknown reason `awaiting-court`"
            ),
        ] {
            broken.check(base: shipped, file: "Config/routing.yaml") { yaml, file throws(ConfigError) in
                _ = try Policy.load(yaml: yaml, file: file)
            }
        }
    }
}
