import WatchpostCore
import WatchpostStore

/// Who issues a period report and to whom it goes, read from the directory for
/// `ReportDocument`: the issuing unit, the body it belongs to, its abbreviation, its head and
/// the units that receive the report.
struct ReportIssuer {
    /// The issuer's name without the locality its parent body already names, e.g. "Phòng Văn hóa
    /// - Xã hội" under "Ủy ban nhân dân xã Bình Sơn"; "WATCHPOST" when no unit issues the report.
    var shortName: String
    /// The name of the body the issuer belongs to, if any.
    var parentName: String?
    /// The issuer's initials for the symbol, e.g. "VHXH", "SGDĐT", "THCSBS".
    var abbreviation: String
    /// The title the head of such a unit signs with, e.g. "TRƯỞNG PHÒNG", "HIỆU TRƯỞNG".
    var signerTitle: String
    /// The officer holding the head's role in the issuer, if any.
    var signerName: String?
    /// The names of the units that receive the report, most senior first.
    var recipients: [String]

    /// Up to this many units under the issuer are listed by name among the recipients; more are
    /// named together.
    static let listedUnits = 5

    /// The issuer of a report over `scope`: its authority, else its school, else the
    /// province-level education authority.
    init(scope: ReportScope, directory: Directory) {
        let unit: Unit?
        if let id = scope.authorityID ?? scope.unitID {
            unit = directory.unit(id)
        } else {
            unit = directory.units.first { Self.isProvincialAuthority($0, in: directory) }
        }
        guard let unit else {
            self.init(name: "WATCHPOST", parentName: nil, signerTitle: "NGƯỜI LẬP BÁO CÁO", recipients: [])
            return
        }
        self.init(
            name: unit.name,
            parentName: Self.parentBody(of: unit, in: directory)?.name,
            signerTitle: Self.signerTitle(of: unit),
            recipients: Self.recipients(of: unit, in: directory)
        )
        signerName = directory.officers(withRole: .head, in: unit.id).first?.name
    }

    private init(name: String, parentName: String?, signerTitle: String, recipients: [String]) {
        shortName = Self.shortName(name, under: parentName)
        self.parentName = parentName
        abbreviation = Self.abbreviation(shortName)
        self.signerTitle = signerTitle
        self.recipients = recipients
    }

    /// The place name of the date line: the province of the tree without "Tỉnh" or "Thành phố".
    static func place(in directory: Directory) -> String {
        guard let province = directory.units.first(where: { $0.kind == .province }) else { return "……" }
        for prefix in ["Tỉnh ", "Thành phố "] where province.name.hasPrefix(prefix) {
            return String(province.name.dropFirst(prefix.count))
        }
        return province.name
    }

    private static func isProvincialAuthority(_ unit: Unit, in directory: Directory) -> Bool {
        guard unit.kind == .educationAuthority, unit.department == nil else { return false }
        return unit.parent.flatMap(directory.unit).map { $0.kind == .province } ?? true
    }

    /// The unit above, or for an authority placed under a commune or the province, the People's
    /// Committee it belongs to or reports to.
    private static func parentBody(of unit: Unit, in directory: Directory) -> Unit? {
        guard let parent = unit.parent.flatMap(directory.unit) else { return nil }
        switch parent.kind {
        case .commune: return directory.peoplesCommittee(ofCommune: parent.id).flatMap(directory.unit)
        case .province: return directory.reportingCommittee(ofAuthority: unit.id).flatMap(directory.unit)
        default: return parent
        }
    }

    /// Words that start a locality ("xã Bình Sơn", "tỉnh Quảng Ngãi", "thành phố …", "đặc khu …").
    static let localityWords: Set<String> = ["xã", "phường", "thị", "tỉnh", "thành", "huyện", "quận", "đặc"]

    /// `name` without the locality it shares with `parent`, as the heading already names it.
    static func shortName(_ name: String, under parent: String?) -> String {
        guard let parent else { return name }
        let words = name.split(separator: " ")
        let parentWords = parent.split(separator: " ")
        var shared = 0
        while shared < min(words.count - 1, parentWords.count),
            words[words.count - 1 - shared].lowercased() == parentWords[parentWords.count - 1 - shared].lowercased()
        {
            shared += 1
        }
        for start in (words.count - shared)..<words.count where localityWords.contains(words[start].lowercased()) {
            return words[..<start].joined(separator: " ")
        }
        return name
    }

    /// The initials of `name`, keeping acronyms whole and dropping the leading "Phòng" or
    /// "Trường" and the word "và", as symbols are written ("Sở Giáo dục và Đào tạo" → "SGDĐT").
    static func abbreviation(_ name: String) -> String {
        var words = name.split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init)
        if words.count > 1, let first = words.first, ["phòng", "trường"].contains(first.lowercased()) {
            words.removeFirst()
        }
        return words.filter { $0.lowercased() != "và" }.map { word in
            word.count > 1 && word == word.uppercased() ? word : word.prefix(1).uppercased()
        }.joined().precomposedStringWithCanonicalMapping
    }

    private static func signerTitle(of unit: Unit) -> String {
        if unit.kind.isSchool { return "HIỆU TRƯỞNG" }
        if unit.kind == .peoplesCommittee { return "CHỦ TỊCH" }
        return switch unit.name.split(separator: " ").first?.lowercased() {
        case "phòng": "TRƯỞNG PHÒNG"
        case "sở": "GIÁM ĐỐC"
        case "ban": "TRƯỞNG BAN"
        default: "THỦ TRƯỞNG CƠ QUAN"
        }
    }

    /// A school reports to its authority and its People's Committee; an authority to its People's
    /// Committee and its superior authority, with copies to the units under it.
    private static func recipients(of unit: Unit, in directory: Directory) -> [String] {
        let above: [UnitID?] =
            unit.kind.isSchool
            ? [directory.reportingCommittee(of: unit.id), unit.parent]
            : [directory.reportingCommittee(ofAuthority: unit.id), directory.superiorAuthority(of: unit.id)]
        var names: [String] = []
        for id in above.compactMap({ $0 }) where id != unit.id {
            if let name = directory.unit(id)?.name, !names.contains(name) { names.append(name) }
        }
        let below =
            directory.units.filter { $0.parent == unit.id && ($0.kind.isSchool || $0.kind == .educationAuthority) }
            + directory.units.filter { $0.department == unit.id && $0.parent != unit.id }
        if below.count > listedUnits {
            names.append(below.allSatisfy(\.kind.isSchool) ? "Các trường trực thuộc" : "Các đơn vị trực thuộc")
        } else {
            names += below.map(\.name)
        }
        return names
    }
}
