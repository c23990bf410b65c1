/// A seeded SplitMix64 generator: the same seed gives the same inputs on every machine, so a
/// failure found once can be found again from its seed.
public struct FuzzRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator that starts from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `range`.
    public mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// An index of a non-empty collection's count.
    public mutating func index(_ count: Int) -> Int { count <= 1 ? 0 : Int.random(in: 0..<count, using: &self) }

    /// True once in `n` calls on average.
    public mutating func oneIn(_ n: Int) -> Bool { index(n) == 0 }

    /// One element of a non-empty array.
    public mutating func pick<Element>(_ items: [Element]) -> Element { items[index(items.count)] }

    /// A small count that is usually 1 and rarely up to `maximum` (mutations stack this way).
    public mutating func smallCount(_ maximum: Int) -> Int {
        var count = 1
        while count < maximum, oneIn(2) { count += 1 }
        return count
    }
}
