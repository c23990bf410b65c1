/// One recipient the directory promises but no configured channel can reach, found before any
/// incident needs them (see `ReachabilityCheck`).
///
/// Its description reads `file:line: warning: message`, the form editors and CI logs link to.
public struct ReachabilityFinding: Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: String, Sendable, Hashable, Codable {
        /// The officer has no channel at all.
        case noChannel = "no_channel"
        /// Every channel of the officer has an address its kind cannot use.
        case onlyInvalidAddresses = "only_invalid_addresses"
        /// The officer's channels are all of kinds this deployment has not configured.
        case noConfiguredChannel = "no_configured_channel"
        /// For a school: some relation the policy uses resolves to nobody who can be reached.
        case nobodyReachable = "nobody_reachable"
    }

    /// Whom the finding is about.
    public enum Subject: Sendable, Hashable {
        /// An officer, by id.
        case officer(OfficerID)
        /// A school, by unit id.
        case school(UnitID)

        /// The officer or unit id.
        public var id: String {
            switch self {
            case .officer(let id), .school(let id): id
            }
        }
    }

    /// Whom it is about.
    public var subject: Subject
    /// What is wrong.
    public var problem: Problem
    /// For an officer: the relations in which some school needs them. For a school: the
    /// relations that reach nobody. In `Relation` order.
    public var relations: [Relation]
    /// The directory file, as given to the check.
    public var file: String
    /// The 1-based line of the officer or unit in the directory; 0 when unknown.
    public var line: Int
    /// What is wrong and what it costs, in words an operator can act on.
    public var message: String

    /// Creates a finding.
    public init(subject: Subject, problem: Problem, relations: [Relation], file: String, line: Int, message: String) {
        self.subject = subject
        self.problem = problem
        self.relations = relations
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: warning: message`.
    public var description: String { "\(file):\(line): warning: \(message)" }
}
