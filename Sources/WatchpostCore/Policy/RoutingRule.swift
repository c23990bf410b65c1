/// Which incidents a rule applies to; every condition left out matches anything.
public struct RuleCondition: Sendable, Hashable {
    /// Matching categories; `nil` = any.
    public var categories: [IncidentCategory]?
    /// The lowest matching severity; `nil` = any.
    public var severityAtLeast: Severity?
    /// Matching school kinds; `nil` = any.
    public var schoolKinds: [UnitKind]?
    /// Matches when any person involved has one of these roles; `nil` = any.
    public var subjectRoles: [SubjectRole]?
    /// Matching platforms; `nil` = any.
    public var platforms: [Platform]?

    /// Creates a condition; the default matches every incident.
    public init(
        categories: [IncidentCategory]? = nil,
        severityAtLeast: Severity? = nil,
        schoolKinds: [UnitKind]? = nil,
        subjectRoles: [SubjectRole]? = nil,
        platforms: [Platform]? = nil
    ) {
        self.categories = categories
        self.severityAtLeast = severityAtLeast
        self.schoolKinds = schoolKinds
        self.subjectRoles = subjectRoles
        self.platforms = platforms
    }

    /// Whether an incident with these facts matches.
    public func matches(_ facts: IncidentFacts) -> Bool {
        if let categories, !categories.contains(facts.category) { return false }
        if let severityAtLeast, facts.severity < severityAtLeast { return false }
        if let schoolKinds, !schoolKinds.contains(facts.schoolKind) { return false }
        if let subjectRoles, !facts.subjects.contains(where: subjectRoles.contains) { return false }
        if let platforms, !platforms.contains(facts.platform) { return false }
        return true
    }
}

/// The facts of an incident that rules match on.
public struct IncidentFacts: Sendable, Hashable {
    /// The category.
    public var category: IncidentCategory
    /// The severity.
    public var severity: Severity
    /// The kind of the school.
    public var schoolKind: UnitKind
    /// The roles of the people involved.
    public var subjects: [SubjectRole]
    /// The platform.
    public var platform: Platform

    /// Creates facts.
    public init(
        category: IncidentCategory,
        severity: Severity,
        schoolKind: UnitKind,
        subjects: [SubjectRole],
        platform: Platform
    ) {
        self.category = category
        self.severity = severity
        self.schoolKind = schoolKind
        self.subjects = subjects
        self.platform = platform
    }
}

/// An obligation a rule creates: who owes what, by when, why, and where it goes if missed.
public struct ObligationSpec: Sendable, Hashable {
    /// What is owed.
    public var kind: ObligationKind
    /// Who owes it, by relation to the school.
    public var owner: Relation
    /// How long after the incident reaches Watchpost it is due. Always positive.
    public var deadline: Duration
    /// How long before the deadline to remind the owner, each shorter than `deadline`.
    public var reminders: [Duration]
    /// The escalation chain followed when the deadline is missed.
    public var chain: String
    /// Why the deadline exists, with its legal basis.
    public var reason: DeadlineReason
    /// The id of the reason in `routing.yaml`, e.g. `takedown-24h`.
    public var reasonID: String
    /// The clock its deadline, reminders and escalation levels run on.
    public var clock: DeadlineClock
    /// Whether it is urgent: out of working hours the authority's duty officer is alerted too,
    /// and may acknowledge it on the owner's behalf.
    public var urgent: Bool = false
    /// When its owner, and the duty officer an urgent obligation reaches, are called by telephone
    /// before their other channels. Default: never.
    public var call: CallPolicy = .never

    /// Creates a specification.
    public init(
        kind: ObligationKind,
        owner: Relation,
        deadline: Duration,
        reminders: [Duration],
        chain: String,
        reason: DeadlineReason,
        reasonID: String,
        clock: DeadlineClock = .calendar
    ) {
        self.clock = clock
        self.kind = kind
        self.owner = owner
        self.deadline = deadline
        self.reminders = reminders
        self.chain = chain
        self.reason = reason
        self.reasonID = reasonID
    }
}

extension ObligationSpec {
    /// Whether this spec asks sooner than `other`: the shorter deadline, and at equal length the
    /// calendar clock, which never waits for working hours. (A working-time deadline can fall
    /// later than a longer calendar one; the policy loader cannot know which, so length decides.)
    func isStricter(than other: ObligationSpec) -> Bool {
        if deadline != other.deadline { return deadline < other.deadline }
        return clock == .calendar && other.clock == .working
    }
}

/// One rule of `routing.yaml`: when it matches, whom to alert and what they owe.
public struct RoutingRule: Sendable, Hashable {
    /// A short name shown as the alert's reason, e.g. `child-at-risk`.
    public var name: String
    /// Which incidents it applies to.
    public var condition: RuleCondition
    /// Who is alerted at once, by relation.
    public var alert: [Relation]
    /// What is owed, by whom, by when.
    public var obligations: [ObligationSpec]

    /// Creates a rule.
    public init(name: String, condition: RuleCondition, alert: [Relation], obligations: [ObligationSpec]) {
        self.name = name
        self.condition = condition
        self.alert = alert
        self.obligations = obligations
    }
}

/// When an obligation's alerts are a telephone call first (issue 30): a text cannot wake anyone.
public enum CallPolicy: String, Sendable, Hashable, CaseIterable {
    /// Never: the officers' own channels.
    case never
    /// Out of the school's working hours (nights, weekends, holidays, closures).
    case outOfHours = "out_of_hours"
    /// Always.
    case always

    /// Whether an alert at a moment that is (or is not) working time is a call.
    public func calls(inWorkingTime working: Bool) -> Bool {
        switch self {
        case .never: false
        case .outOfHours: !working
        case .always: true
        }
    }
}
