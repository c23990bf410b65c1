import Foundation
import WatchpostCore

/// Random valid events and random damage to them, for the property tests.
enum EventRandomSamples {
    /// Characters that stress escaping and normalisation: Vietnamese, quotes, backslash, emoji.
    private static let alphabet: [Character] = Array(
        "abcxyzABC019 -_./:@?&=ăâđêôơưạảãấầẩậắằẳặẹẻẽếềểễệọỏõốồổỗộớờởỡợụủũứừửữựỳỵỷỹ\"\\'<>{}[]😀€"
    )
    private static let hostAlphabet: [Character] = Array("abcdefghijklmnopqrstuvwxyz0123456789")

    static func text(_ rng: inout SplitMix, maxLength: Int, multiline: Bool) -> String {
        let length = Int.random(in: 1...min(maxLength, 80), using: &rng)
        var raw = String((0..<length).map { _ in alphabet.randomElement(using: &rng) ?? "a" })
        if multiline, Bool.random(using: &rng) { raw += "\nline\ttwo\r\nthree" }
        let text = raw.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "x" : text
    }

    static func url(_ rng: inout SplitMix) -> String {
        let host = String(
            (0..<Int.random(in: 1...12, using: &rng)).map { _ in hostAlphabet.randomElement(using: &rng) ?? "a" }
        )
        // Quotes, angle brackets, ` and \ are refused in a link (issue 26); the rest stays.
        let path = text(&rng, maxLength: 30, multiline: false).filter { !$0.isWhitespace && !"\"'<>`\\".contains($0) }
        return (Bool.random(using: &rng) ? "https://" : "http://") + host + ".vn/" + path
    }

    static func pick<T: CaseIterable>(_ rng: inout SplitMix, _ type: T.Type) -> T {
        Array(T.allCases).randomElement(using: &rng) ?? Array(T.allCases)[0]
    }

    static func list<T>(_ rng: inout SplitMix, _ range: ClosedRange<Int>, _ make: (inout SplitMix) -> T) -> [T] {
        var items: [T] = []
        for _ in 0..<Int.random(in: range, using: &rng) { items.append(make(&rng)) }
        return items
    }

    static func maybe(_ rng: inout SplitMix) -> Bool { Bool.random(using: &rng) }

    static func uuid(_ rng: inout SplitMix) -> UUID {
        UUID.v5(namespace: .watchpost, name: String(rng.next()))
    }

    static func event(_ rng: inout SplitMix) -> Event {
        // Microsecond instants between 2001 and about 2096: the range the wire format keeps exactly.
        let seconds = Double(Int.random(in: 0...3_000_000_000, using: &rng))
        let micros = Double(Int.random(in: 0...999_999, using: &rng)) / 1_000_000
        return Event(
            eventID: uuid(&rng),
            incidentID: uuid(&rng),
            occurredAt: Date(timeIntervalSinceReferenceDate: seconds + micros),
            source: EventSource(
                kind: pick(&rng, SourceKind.self),
                id: text(&rng, maxLength: EventLimits.sourceID, multiline: false)
            ),
            unitID: EventSamples.knownUnits.sorted().randomElement(using: &rng) ?? "thcs-binh-son",
            payload: payload(&rng)
        )
    }

    static func payload(_ r: inout SplitMix) -> EventPayload {
        let note = maybe(&r) ? text(&r, maxLength: EventLimits.note, multiline: true) : nil
        switch pick(&r, EventType.self) {
        case .incidentReported:
            let urls = list(&r, 1...EventLimits.urlsPerEvent) { url(&$0) }
            return .reported(
                IncidentReported(
                    platform: pick(&r, Platform.self),
                    urls: urls,
                    category: pick(&r, IncidentCategory.self),
                    severity: pick(&r, Severity.self),
                    subjects: list(&r, 0...4) { pick(&$0, SubjectRole.self) },
                    summary: text(&r, maxLength: EventLimits.summary, multiline: true),
                    dedupKey: Bool.random(using: &r)
                        ? text(&r, maxLength: EventLimits.dedupKey, multiline: false)
                        : DedupKey.defaultKey(forFirstURL: urls[0])
                )
            )
        case .incidentUpdated:
            var update = IncidentUpdated(
                severity: (maybe(&r) ? pick(&r, Severity.self) : nil),
                category: (maybe(&r) ? pick(&r, IncidentCategory.self) : nil),
                summary: (maybe(&r) ? text(&r, maxLength: EventLimits.summary, multiline: true) : nil),
                addedURLs: Bool.random(using: &r) ? list(&r, 1...3) { url(&$0) } : [],
                addedSubjects: Bool.random(using: &r) ? list(&r, 1...3) { pick(&$0, SubjectRole.self) } : []
            )
            if update == IncidentUpdated() { update.severity = .low }
            return .updated(update)
        case .incidentAcknowledged: return .acknowledged(IncidentAcknowledged(note: note))
        case .actionRecorded:
            return .actionRecorded(
                ActionRecorded(action: pick(&r, ActionKind.self), note: note, evidenceURL: (maybe(&r) ? url(&r) : nil))
            )
        case .incidentEscalated:
            let level =
                Bool.random(using: &r) ? Int.random(in: 1...5, using: &r) : Int.random(in: 1...Int.max, using: &r)
            return .escalated(
                IncidentEscalated(
                    level: level,
                    reason: pick(&r, EscalationReason.self),
                    obligationID: (maybe(&r) ? uuid(&r) : nil),
                    note: note
                )
            )
        case .incidentResolved: return .resolved(IncidentResolved(note: note))
        case .incidentReopened:
            return .reopened(IncidentReopened(reason: text(&r, maxLength: EventLimits.reopenReason, multiline: true)))
        case .incidentMerged: return .merged(IncidentMerged(into: uuid(&r), note: note))
        case .incidentUnmerged: return .unmerged(IncidentUnmerged(from: uuid(&r), note: note))
        }
    }

    /// Flips, inserts, deletes or duplicates a few bytes of `bytes`.
    static func damage(_ bytes: [UInt8], _ rng: inout SplitMix) -> [UInt8] {
        var out = bytes
        for _ in 0..<Int.random(in: 1...4, using: &rng) where !out.isEmpty {
            let index = Int.random(in: 0..<out.count, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: out[index] = UInt8.random(in: 0...255, using: &rng)
            case 1: out.insert(Array("{}[],:\"\\0e-tfn".utf8).randomElement(using: &rng) ?? 0, at: index)
            case 2: out.remove(at: index)
            default: out.insert(contentsOf: out[index..<min(out.count, index + 16)], at: index)
            }
        }
        return out
    }
}

/// A small seeded generator so helpers can hand an `any RandomNumberGenerator` to closures.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
