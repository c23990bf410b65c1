/// The shape of a link that carries a platform's id of a piece of content, written like the link
/// itself: `/@*/video/{id}`, `/v/{id}.html`, `/watch?v={id}`.
///
/// - The path is compared segment by segment; empty segments (a trailing or doubled `/`) are
///   ignored, and literal segments are compared case-insensitively.
/// - `*` is any one segment; `@*` is a segment that starts with `@` (or `%40`), a TikTok handle.
/// - `{id}` captures the id, optionally followed by a literal suffix (`{id}.html`).
/// - `?name={id}` takes the id from the query parameter `name` (exact case), which must then
///   occur exactly once: two values make the link ambiguous, and it matches nothing.
///
/// Each pattern captures exactly one `{id}`. Patterns are constants in the platform tables, so a
/// malformed one is a programming error.
struct LinkPattern: Sendable {
    private enum Segment: Sendable {
        case literal(String)
        case any
        case handle
        case id(suffix: String)
    }

    private let segments: [Segment]
    /// The query parameter that carries the id, if the id is not in the path.
    let queryName: String?

    init(_ text: String) {
        let parts = text.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        segments = parts[0].split(separator: "/").map { segment -> Segment in
            switch segment {
            case "*": .any
            case "@*": .handle
            case _ where segment.hasPrefix("{id}"): .id(suffix: segment.dropFirst(4).lowercased())
            default: .literal(segment.lowercased())
            }
        }
        var queryName: String?
        if parts.count > 1 {
            precondition(parts[1].hasSuffix("={id}"), "a query pattern is name={id}: \(text)")
            queryName = String(parts[1].dropLast(5))
        }
        self.queryName = queryName
        let pathIDs = segments.filter { if case .id = $0 { true } else { false } }.count
        precondition(pathIDs + (queryName == nil ? 0 : 1) == 1, "a link pattern captures one {id}: \(text)")
    }

    /// The id that `segments` (the path split on `/`, empty segments left out) and `query` carry in
    /// this shape, or nil when the link has another shape.
    func id(segments path: [Substring], query: [QueryItem]) -> Substring? {
        guard path.count == segments.count else { return nil }
        var captured: Substring?
        for (segment, pattern) in zip(path, segments) {
            switch pattern {
            case let .literal(text):
                guard segment.lowercased() == text else { return nil }
            case .any:
                continue
            case .handle:
                guard segment.hasPrefix("@") || segment.lowercased().hasPrefix("%40") else { return nil }
            case let .id(suffix):
                guard segment.count > suffix.count, segment.lowercased().hasSuffix(suffix) else { return nil }
                captured = segment.dropLast(suffix.count)
            }
        }
        if let queryName {
            let values = query.filter { $0.name == queryName }
            guard values.count == 1, let value = values[0].value else { return nil }
            captured = value
        }
        return captured
    }
}
