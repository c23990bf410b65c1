import WatchpostCore

/// Fuzzes `EventDecoder`: bytes become an event or a rejection that names a field and a reason.
///
/// Properties: no crash; every rejection has problems, each with a reason, and an empty path
/// only for a problem of the whole input; an accepted event re-encodes (`EventEncoder`) to bytes
/// that decode to the same event.
public struct DecoderTarget: FuzzTarget {
    /// The target\'s name on the command line and in the corpus.
    public let name = "decoder"
    private let decoder: EventDecoder
    private let seeds: [[UInt8]]
    private let trees: [FuzzJSON]

    /// Problems that concern the input as a whole and so name no field.
    private static let wholeInputCodes: Set<EventProblem.Code> = [.invalidUTF8, .notJSON, .tooDeep, .tooLarge]

    /// Creates the target from valid envelopes (`seeds`) and the directory whose units are known.
    public init(seeds: [[UInt8]], directory: Directory) {
        decoder = EventDecoder(knownUnit: { directory.unit($0) != nil })
        self.seeds = seeds.isEmpty ? [Array("{}".utf8)] : seeds
        trees = self.seeds.compactMap(FuzzJSON.init(parsing:))
    }

    /// A damaged variant of a seed; see `FuzzTarget.generate(_:)`.
    public func generate(_ random: inout FuzzRandom) -> [UInt8] {
        let maximumSize = EventLimits.maximumInputBytes + 4_096
        var bytes = random.pick(seeds)
        if !trees.isEmpty, !random.oneIn(8) {
            bytes = JSONMutator.mutate(random.pick(trees), &random).bytes
        }
        if random.oneIn(3) {
            bytes = ByteMutator.mutate(bytes, other: random.pick(seeds), maximumSize: maximumSize, &random)
        }
        return Array(bytes.prefix(maximumSize))
    }

    /// Runs the function and checks the properties listed above.
    public func check(_ input: [UInt8]) -> Result<FuzzOutcome, FuzzViolation> {
        switch decoder.decode(input) {
        case .success(let event):
            let encoded = EventEncoder().encode(event)
            switch decoder.decode(encoded) {
            case .success(let again) where again == event: return .success(.accepted)
            case .success(let again):
                return .failure(FuzzViolation("re-encoding changed the accepted event: \(event) became \(again)"))
            case .failure(let rejection):
                return .failure(FuzzViolation("the re-encoded accepted event is rejected: \(rejection.reason)"))
            }
        case .failure(let rejection):
            return Self.check(rejection).map { FuzzOutcome.rejected(label: $0) }
        }
    }

    /// Checks a rejection's problems; the label is the first problem's code.
    private static func check(_ rejection: EventRejection) -> Result<String, FuzzViolation> {
        guard let first = rejection.problems.first else {
            return .failure(FuzzViolation("a rejection without problems"))
        }
        for problem in rejection.problems {
            if problem.reason.allSatisfy(\.isWhitespace) {
                return .failure(FuzzViolation("a problem without a reason: \(problem.path) \(problem.code)"))
            }
            if problem.path.isEmpty && !wholeInputCodes.contains(problem.code) {
                return .failure(FuzzViolation("a \(problem.code.rawValue) problem names no field: \(problem.reason)"))
            }
        }
        if rejection.reason.count > EventRejection.maximumReasonLength {
            return .failure(FuzzViolation("the reason line is \(rejection.reason.count) characters long"))
        }
        return .success(first.code.rawValue)
    }
}
