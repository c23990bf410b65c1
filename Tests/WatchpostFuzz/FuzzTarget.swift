/// One function under fuzzing: it makes inputs from its seeds and checks what the function does
/// with each against the properties every input must keep.
public protocol FuzzTarget: Sendable {
    /// The name used on the command line and as the corpus folder: `decoder`, `directory`, ...
    var name: String { get }

    /// A new input, made from the seeds by `random`; its size is capped so that no input can take
    /// unbounded time.
    func generate(_ random: inout FuzzRandom) -> [UInt8]

    /// Runs the function on `input` and checks the properties: an outcome, or the violation.
    func check(_ input: [UInt8]) -> Result<FuzzOutcome, FuzzViolation>
}

/// What the function did with a well-handled input.
public enum FuzzOutcome: Sendable, Hashable {
    /// The input was accepted (and, where it applies, round-tripped).
    case accepted
    /// The input was refused; `label` is the kind of refusal, for the counts.
    case rejected(label: String)

    /// The label used in counts: `accepted` or the rejection's label.
    public var label: String {
        switch self {
        case .accepted: "accepted"
        case .rejected(let label): label
        }
    }
}

/// A broken property: what went wrong, in a sentence.
public struct FuzzViolation: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var description: String

    /// Creates a violation.
    public init(_ description: String) { self.description = description }
}
