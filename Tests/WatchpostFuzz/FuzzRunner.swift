/// Runs a target on generated inputs and counts what happened, stopping at the first violation.
public struct FuzzRunner: Sendable {
    /// What a run did.
    public struct Report: Sendable {
        /// The target's name.
        public var target: String
        /// The seed the inputs were made from.
        public var seed: UInt64
        /// How many inputs were checked.
        public var inputs = 0
        /// How many inputs ended with each label (`accepted`, or a rejection's kind).
        public var counts: [String: Int] = [:]
        /// The first violation and the input that caused it, if any.
        public var failure: (input: [UInt8], violation: FuzzViolation)?

        /// How many inputs were accepted.
        public var accepted: Int { counts["accepted", default: 0] }
    }

    /// The target under fuzzing.
    public let target: any FuzzTarget

    /// Creates a runner for `target`.
    public init(target: any FuzzTarget) { self.target = target }

    /// Checks `count` inputs made from `seed`; `willCheck` sees each input first (the long-mode
    /// runner keeps it so that a crash can still save it).
    public func run(count: Int, seed: UInt64, willCheck: ([UInt8]) -> Void = { _ in }) -> Report {
        var random = FuzzRandom(seed: seed)
        var report = Report(target: target.name, seed: seed)
        for _ in 0..<count {
            let input = target.generate(&random)
            willCheck(input)
            report.inputs += 1
            switch target.check(input) {
            case .success(let outcome): report.counts[outcome.label, default: 0] += 1
            case .failure(let violation):
                report.failure = (input, violation)
                return report
            }
        }
        return report
    }

    /// Checks each stored input; the violations, with the name of the input that broke.
    public func replay(_ inputs: [(name: String, bytes: [UInt8])]) -> [(name: String, violation: FuzzViolation)] {
        inputs.compactMap { input in
            if case .failure(let violation) = target.check(input.bytes) { return (input.name, violation) }
            return nil
        }
    }
}
