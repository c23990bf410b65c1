import Testing
import WatchpostFuzz

/// Every input of the regression corpus (`Tests/Fuzz/corpus/<target>/`): the seeds and the inputs
/// that once broke a property, run again on every build.
@Suite("Fuzzing corpus")
struct FuzzCorpusReplayTests {
    @Test("every stored input keeps the target's properties", arguments: FuzzTargets.names)
    func corpusInputsHoldTheProperties(_ name: String) throws {
        let inputs = FuzzFixtures.corpus.inputs(of: name)
        #expect(!inputs.isEmpty, "the corpus of \(name) has seeds")
        for (input, violation) in FuzzRunner(target: try FuzzFixtures.target(name)).replay(inputs) {
            Issue.record("\(name)/\(input): \(violation)")
        }
    }

    @Test("the decoder accepts every seed envelope, so the mutators start from valid input")
    func decoderSeedsAreValid() throws {
        let target = try FuzzFixtures.target("decoder")
        for seed in FuzzFixtures.corpus.inputs(of: "decoder") where seed.name.hasPrefix("seed-") {
            #expect(try target.check(seed.bytes).get() == .accepted, "\(seed.name)")
        }
    }
}
