import Foundation
import Testing
import WatchpostFuzz

/// The short mode of the fuzzing: 2 500 seeded inputs per target, 10 000 in all, on every run of
/// the suite. `scripts/fuzz` runs the same targets for a million inputs each.
@Suite("Fuzzing (short mode)")
struct FuzzShortModeTests {
    /// The fixed seed; a failure message repeats it, and `watchpost-fuzz --seed` replays it.
    static let seed: UInt64 = 20_261_214
    static let inputsPerTarget = 2_500

    @Test("the event decoder never crashes, names the field of every problem, and round-trips what it accepts")
    func decoderHoldsItsProperties() throws {
        try Self.expectHolds("decoder")
    }

    @Test("the directory loader turns damaged YAML into a value or problems with the file and a line")
    func directoryLoaderHoldsItsProperties() throws {
        try Self.expectHolds("directory")
    }

    @Test("the policy loader turns damaged YAML into a value or problems with the file and a line")
    func policyLoaderHoldsItsProperties() throws {
        try Self.expectHolds("policy")
    }

    @Test("the API's body and query parsing answers 400 naming the field, for any input")
    func apiParsingHoldsItsProperties() throws {
        try Self.expectHolds("api")
    }

    private static func expectHolds(_ name: String) throws {
        let target = try FuzzFixtures.target(name)
        let report = FuzzRunner(target: target).run(count: inputsPerTarget, seed: seed)
        if let failure = report.failure {
            Issue.record(
                """
                \(name), seed \(seed), input #\(report.inputs): \(failure.violation)
                input: \(FuzzFixtures.preview(failure.input))
                rerun: scripts/fuzz --seed \(seed) (saves the input to Tests/Fuzz/corpus/\(name)/)
                """
            )
        }
        #expect(report.inputs == inputsPerTarget)
        #expect(report.counts.count > 3, "the inputs reach several outcomes: \(report.counts)")
    }
}
