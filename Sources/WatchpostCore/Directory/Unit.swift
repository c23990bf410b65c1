/// One unit of the organisation tree: a school, an education authority, a commune, a police unit,
/// a People's Committee or the province.
public struct Unit: Sendable, Hashable, Identifiable {
    /// Stable id, e.g. `thcs-binh-son`. Incidents refer to it; never reuse one for another unit.
    public var id: UnitID
    /// What the unit is.
    public var kind: UnitKind
    /// The official Vietnamese name, e.g. "Trường THCS Bình Sơn".
    public var name: String
    /// An English name, if one is given.
    public var nameEN: String?
    /// The abbreviation a document symbol uses (chữ viết tắt), e.g. "VHXH", "SGDĐT"; when
    /// absent, the initials of the name.
    public var abbreviation: String?
    /// The place name (địa danh) of a document's date line, e.g. "Bình Sơn" for a body of xã
    /// Bình Sơn; when absent, the commune or province the unit belongs to.
    public var place: String?
    /// The unit above this one. For a school it is its supervising education authority.
    public var parent: UnitID?
    /// For a school: the commune or ward whose police are "police at the same level".
    public var commune: UnitID?
    /// For a commune: its police unit.
    public var police: UnitID?
    /// For an education authority: the People's Committee that receives its reports;
    /// inherited from the parent authority when absent.
    public var reportsTo: UnitID?
    /// For an education authority that belongs to a People's Committee (a commune's Culture and
    /// Society Office): the education authority that guides it professionally, the provincial
    /// Department. An authority whose parent is an education authority has that parent instead.
    public var department: UnitID?
    /// The unit's own `calendar:` settings, before inheritance; `Directory.calendar(for:)` gives
    /// the calendar it works by.
    public var calendar: UnitCalendar?
    /// For an education authority: its after-hours duty roster.
    public var duty: [DutyShift] = []
    /// The 1-based line in `directory.yaml` where the unit is defined, for messages.
    public var line: Int

    /// Creates a unit.
    public init(
        id: UnitID,
        kind: UnitKind,
        name: String,
        nameEN: String? = nil,
        parent: UnitID? = nil,
        commune: UnitID? = nil,
        police: UnitID? = nil,
        reportsTo: UnitID? = nil,
        department: UnitID? = nil,
        line: Int = 0
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.nameEN = nameEN
        self.parent = parent
        self.commune = commune
        self.police = police
        self.reportsTo = reportsTo
        self.department = department
        self.line = line
    }

    /// For a school, its supervising authority (the same as `parent`).
    public var authority: UnitID? { kind.isSchool ? parent : nil }
}
