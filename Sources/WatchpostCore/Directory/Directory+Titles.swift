extension Directory {
    /// The officer's post (chức vụ) as a letter addresses them: `title` (or `title_en`) from the
    /// directory, else one derived from their most senior role and their unit's name, e.g.
    /// "Hiệu trưởng Trường THCS Bình Sơn", "Chủ tịch Ủy ban nhân dân xã Bình Sơn", "cán bộ Công an
    /// xã Bình Sơn".
    public func title(of officer: Officer, locale: DisplayLocale) -> String {
        let given = locale == .en ? officer.titleEN : officer.title
        if let given { return given }
        let unit = unit(officer.unit)
        let name = (locale == .en ? unit?.nameEN : nil) ?? unit?.name ?? officer.unit
        let post = Self.post(officer.roles.min() ?? .monitor, unit: unit)
        return locale == .en ? "\(post.en), \(name)" : "\(post.vi) \(name)"
    }

    /// The place name of a document issued by `unit` (địa danh): its `place`, else the commune it
    /// sits in, else the province, without "Xã", "Phường" or "Tỉnh".
    public func place(of unit: Unit) -> String {
        if let place = unit.place { return place }
        var current: Unit? = unit.commune.flatMap(self.unit) ?? unit
        while let here = current {
            if here.kind == .commune || here.kind == .province { return Self.locality(here.name) }
            current = here.parent.flatMap(self.unit)
        }
        return units.first { $0.kind == .province }.map { Self.locality($0.name) } ?? "……"
    }

    /// "Xã Bình Sơn" → "Bình Sơn"; "Tỉnh Quảng Ngãi" → "Quảng Ngãi".
    static func locality(_ name: String) -> String {
        for prefix in ["Xã ", "Phường ", "Đặc khu ", "Tỉnh ", "Thành phố "] where name.hasPrefix(prefix) {
            return String(name.dropFirst(prefix.count))
        }
        return name
    }

    /// The words of a post held in `role` at `unit`, in Vietnamese and English.
    private static func post(_ role: OfficerRole, unit: Unit?) -> (vi: String, en: String) {
        let kind = unit?.kind
        let first = unit?.name.split(separator: " ").first?.lowercased()
        switch role {
        case .head where kind?.isSchool == true: return ("Hiệu trưởng", "Principal")
        case .head where kind == .peoplesCommittee: return ("Chủ tịch", "Chair")
        case .head where first == "sở": return ("Giám đốc", "Director")
        case .head: return ("Trưởng", "Head")
        case .deputy where kind?.isSchool == true: return ("Phó Hiệu trưởng", "Deputy principal")
        case .deputy where kind == .peoplesCommittee: return ("Phó Chủ tịch", "Vice-chair")
        case .deputy where first == "sở": return ("Phó Giám đốc", "Deputy director")
        case .deputy: return ("Phó Trưởng", "Deputy head")
        case .authorityLeadership: return ("lãnh đạo phụ trách giáo dục,", "Education leadership")
        case .authorityDesk: return ("cán bộ tiếp nhận thông tin,", "Desk officer")
        case .policeLiaison: return ("cán bộ", "Police liaison")
        case .monitor: return ("cán bộ theo dõi mạng xã hội,", "Monitoring officer")
        }
    }
}

extension OfficerRole: Comparable {
    /// Seniority, head first: the role a title names when an officer holds several.
    public static func < (lhs: OfficerRole, rhs: OfficerRole) -> Bool {
        let order: [OfficerRole] = [.head, .deputy, .authorityLeadership, .authorityDesk, .policeLiaison, .monitor]
        return (order.firstIndex(of: lhs) ?? order.count) < (order.firstIndex(of: rhs) ?? order.count)
    }
}
