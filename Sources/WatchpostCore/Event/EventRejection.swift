/// Why an incoming event was rejected: every problem the decoder found, not only the first.
///
/// Rejected input goes to the dead-letter topic with `reason` as a header and to `rejected_events`.
public struct EventRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// Every problem found, in a stable order (envelope fields first, then `data`).
    public var problems: [EventProblem]

    /// Creates a rejection; `problems` should not be empty.
    public init(problems: [EventProblem]) {
        self.problems = problems
    }

    /// Creates a rejection with a single problem.
    public init(path: String, code: EventProblem.Code, reason: String) {
        self.init(problems: [EventProblem(path: path, code: code, reason: reason)])
    }

    /// The problem codes, in order; handy for metrics labels and tests.
    public var codes: [EventProblem.Code] { problems.map(\.code) }

    /// One line for a Kafka header or a log line: the problems joined by `; `, at most
    /// `Self.maximumReasonLength` characters, with a count of the problems left out.
    public var reason: String {
        var line = problems.count == 1 ? "" : "\(problems.count) problems: "
        for (offset, problem) in problems.enumerated() {
            let item = (offset == 0 ? "" : "; ") + Self.oneLine(problem.description)
            let remaining = problems.count - offset
            if line.count + item.count > Self.maximumReasonLength - 24 {
                line += "; … and \(remaining) more"
                break
            }
            line += item
        }
        return line
    }

    /// The upper bound on `reason`'s length, so a header never balloons with the input.
    public static let maximumReasonLength = 1000

    /// One `path: reason` line per problem.
    public var description: String {
        "event rejected (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n"
            + problems.map { "  " + Self.oneLine($0.description) }.joined(separator: "\n")
    }

    /// Replaces line breaks and other control characters so one problem stays on one line.
    private static func oneLine(_ text: String) -> String {
        String(
            String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 })
        )
    }
}
