/// One problem found while loading `directory.yaml` or `routing.yaml`.
///
/// Its description reads `file:line: message`, the form editors and CI logs link to.
public struct ConfigProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file name given to the loader, e.g. `Config/directory.yaml`.
    public var file: String
    /// The 1-based line of the offending YAML node; 0 when no line applies.
    public var line: Int
    /// What is wrong, in words an operator can act on.
    public var message: String

    /// Creates a problem.
    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`.
    public var description: String { "\(file):\(line): \(message)" }
}

/// Loading a configuration file failed; `problems` lists every problem found, in file order.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Every problem found; never empty.
    public var problems: [ConfigProblem]

    /// Creates an error from the problems found.
    public init(problems: [ConfigProblem]) { self.problems = problems }

    /// One `file:line: message` per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
