/// Duty 2 of the dispatch: every unit assigns officers to monitor security and order online.
/// A school without an officer holding `monitor` relies on others to notice what concerns it,
/// so `watchpost directory check` warns about each one (and fails on them with `--strict`).
///
/// A monitor at the supervising authority does not count: the duty is the school's own.
public enum MonitorCheck {
    /// One warning per school of `directory` that has no officer with role `monitor`, in file
    /// order; `file` names the directory in each warning.
    public static func warnings(directory: Directory, file: String) -> [DirectoryWarning] {
        directory.schools.filter { directory.officers(withRole: .monitor, in: $0.id).isEmpty }.map { school in
            DirectoryWarning(
                unit: school.id,
                file: file,
                line: school.line,
                message: "school `\(school.id)` has no officer with role `monitor`: duty 2 of the dispatch asks "
                    + "every unit to assign officers to monitor social networks"
            )
        }
    }
}

/// Something in `directory.yaml` that does not stop Watchpost from running but leaves a duty
/// uncovered. Its description reads `file:line: warning: message`.
public struct DirectoryWarning: Sendable, Hashable, CustomStringConvertible {
    /// The unit it is about.
    public var unit: UnitID
    /// The directory file, as given to the check.
    public var file: String
    /// The 1-based line of the unit in the directory.
    public var line: Int
    /// What is missing, in words an operator can act on.
    public var message: String

    /// Creates a warning.
    public init(unit: UnitID, file: String, line: Int, message: String) {
        self.unit = unit
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: warning: message`.
    public var description: String { "\(file):\(line): warning: \(message)" }
}
