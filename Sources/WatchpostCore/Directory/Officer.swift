/// A role an officer holds in their unit. Raw values are the spelling in `directory.yaml`.
public enum OfficerRole: String, CaseIterable, Sendable, Codable, Hashable {
    /// Head of unit: a school's principal (hiệu trưởng), an authority's head, or a People's
    /// Committee's chair.
    case head
    /// Deputy head (phó hiệu trưởng, phó trưởng phòng).
    case deputy
    /// The police officer who takes incidents for a commune or the province.
    case policeLiaison = "police_liaison"
    /// The desk at an education authority that receives every incident.
    case authorityDesk = "authority_desk"
    /// The authority's leadership in charge of education, first step of escalation.
    case authorityLeadership = "authority_leadership"
    /// A monitoring officer (duty 2 of the dispatch): reports and updates incidents.
    case monitor

    /// The unit kinds in which this role makes sense.
    var allowedUnitKinds: [UnitKind] {
        switch self {
        // At a People's Committee: its chair (`head`) and vice-chairs (`deputy`).
        case .head, .deputy: UnitKind.schoolKinds + [.educationAuthority, .peoplesCommittee]
        case .policeLiaison: [.communePolice, .provincialPolice, .commune]
        case .authorityDesk, .authorityLeadership: [.educationAuthority]
        case .monitor: UnitKind.schoolKinds + [.educationAuthority, .commune, .communePolice]
        }
    }
}

/// A person in the directory, holding roles in one unit, reachable on ordered channels.
public struct Officer: Sendable, Hashable, Identifiable {
    /// Stable id, e.g. `ht-thcs-binh-son`; events name officers by it.
    public var id: OfficerID
    /// Full name as written in Vietnamese, e.g. "Nguyễn Thị Lan".
    public var name: String
    /// The unit the officer works in.
    public var unit: UnitID
    /// The roles held there; at least one.
    public var roles: [OfficerRole]
    /// The officer's post (chức vụ) as a letter addresses them, e.g. "Chủ tịch UBND xã Bình
    /// Sơn"; when absent, `Directory.title(of:locale:)` derives one from the role and the unit.
    public var title: String?
    /// The post in English, e.g. "Chair, Bình Sơn Commune People's Committee".
    public var titleEN: String?
    /// The language of the officer's alerts. Default: `vi`.
    public var locale: DisplayLocale
    /// Where to reach the officer, most preferred first; at least one.
    public var channels: [Channel]
    /// The officer's recorded absences, with who stands in for them.
    public var absences: [Absence] = []
    /// The 1-based line in `directory.yaml`, for messages.
    public var line: Int

    /// Creates an officer.
    public init(
        id: OfficerID,
        name: String,
        unit: UnitID,
        roles: [OfficerRole],
        title: String? = nil,
        titleEN: String? = nil,
        locale: DisplayLocale = .vi,
        channels: [Channel],
        line: Int = 0
    ) {
        self.id = id
        self.name = name
        self.unit = unit
        self.roles = roles
        self.title = title
        self.titleEN = titleEN
        self.locale = locale
        self.channels = channels
        self.line = line
    }
}
