/// One level of an escalation chain.
public struct EscalationLevel: Sendable, Hashable {
    /// Who is told when the obligation reaches this level, by relation.
    public var notify: [Relation]
    /// How long this level has before the next level; `nil` on the last level, where the
    /// chain stops and the obligation stays open, on record, until met.
    public var deadline: Duration?

    /// Creates a level.
    public init(notify: [Relation], deadline: Duration?) {
        self.notify = notify
        self.deadline = deadline
    }
}

/// Where a missed deadline goes: level 1, then level 2, ... up to the last level.
///
/// A chain written with `continue_with` is stored already joined with the chain it continues
/// with, so `levels` is the whole, finite path.
public struct EscalationChain: Sendable, Hashable {
    /// The chain's name in `routing.yaml`.
    public var name: String
    /// Level 1 is `levels[0]`.
    public var levels: [EscalationLevel]

    /// Creates a chain.
    public init(name: String, levels: [EscalationLevel]) {
        self.name = name
        self.levels = levels
    }

    /// The level numbered `number` (from 1), if the chain has it.
    public func level(_ number: Int) -> EscalationLevel? {
        levels.indices.contains(number - 1) ? levels[number - 1] : nil
    }
}
