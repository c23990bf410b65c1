/// What a unit of the organisation tree is. Raw values are the spelling in `directory.yaml`.
public enum UnitKind: String, CaseIterable, Sendable, Codable, Hashable {
    /// Trường Mầm non.
    case preschool
    /// Trường Tiểu học.
    case primary
    /// Trường Tiểu học và THCS (combined primary and lower secondary).
    case primaryLowerSecondary = "primary_lower_secondary"
    /// Trường THCS.
    case lowerSecondary = "lower_secondary"
    /// Whatever supervises schools: a commune's culture-society office, the provincial Department.
    case educationAuthority = "education_authority"
    /// A commune or ward (xã, phường, đặc khu).
    case commune
    /// The police of a commune or ward: "police at the same level" for its schools.
    case communePolice = "commune_police"
    /// The provincial police, where commune police escalate.
    case provincialPolice = "provincial_police"
    /// A People's Committee (UBND). A commune's committee manages the commune's schools and is
    /// alerted as `commune_peoples_committee`; as a `reports_to` it receives reports only.
    case peoplesCommittee = "peoples_committee"
    /// The province: the root that holds everything else.
    case province

    /// The four kinds of school the dispatch is addressed to.
    public static let schoolKinds: [UnitKind] = [.preschool, .primary, .primaryLowerSecondary, .lowerSecondary]

    /// Whether this is one of the four school kinds.
    public var isSchool: Bool { Self.schoolKinds.contains(self) }

    /// The kinds a unit of this kind may have as its parent (`nil` parent is always allowed
    /// except for schools, whose parent is their supervising authority).
    var allowedParentKinds: [UnitKind] {
        switch self {
        case .preschool, .primary, .primaryLowerSecondary, .lowerSecondary: [.educationAuthority]
        // A commune's Culture and Society Office belongs to the commune People's Committee.
        case .educationAuthority: [.educationAuthority, .peoplesCommittee, .commune, .province]
        case .commune: [.province]
        case .communePolice: [.provincialPolice]
        case .provincialPolice, .province: [.province]
        case .peoplesCommittee: [.commune, .province, .peoplesCommittee]
        }
    }
}
