import WatchpostCore
import WatchpostNotify
import WatchpostStore

/// Who issues a period report and to whom it goes, read from the directory for
/// `ReportDocument` (Decree 30/2020/NĐ-CP, Appendix I): the issuing unit, the body it belongs to,
/// its abbreviation and place, who signs and how, and the units that receive the report.
struct ReportIssuer {
    /// The issuer's name without the locality its parent body already names, e.g. "Phòng Văn hóa
    /// - Xã hội" under "UBND xã Bình Sơn"; empty when no unit issues the report.
    var shortName: String
    /// The body the issuer belongs to (cơ quan chủ quản), with "Ủy ban nhân dân" written "UBND" as
    /// the decree allows, e.g. "UBND xã Bình Sơn"; nil when there is none.
    var parentName: String?
    /// The abbreviation of the symbol: the unit's `abbreviation`, else its initials, e.g. "VHXH".
    var abbreviation: String
    /// The place name of the date line, e.g. "Bình Sơn".
    var place: String
    /// The signature block's title lines, e.g. ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"].
    var signatureLines: [String]
    /// Whoever signs: the head in the directory, else a deputy.
    var signerName: String?
    /// Where the document goes, each with its purpose.
    var recipients: [ReportDocument.Recipient]
    /// The filing line: "Lưu: VT, VHXH." for an office, "Lưu: VT." otherwise.
    var archive: String

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
            unit =
                directory.units.first { Self.isProvincialAuthority($0, in: directory) }
                ?? directory.units.first { $0.kind == .educationAuthority }
        }
        guard let unit else {
            // Nothing in the directory can issue it: the clerk fills the heading in.
            shortName = ""
            parentName = nil
            abbreviation = ""
            place = directory.units.first { $0.kind == .province }.map(directory.place) ?? "……"
            signatureLines = ["……"]
            recipients = []
            archive = "Lưu: VT."
            return
        }
        parentName = Self.parentBody(of: unit, in: directory).map { Self.committeeAbbreviated($0.name) }
        shortName = Self.shortName(unit.name, under: parentName)
        abbreviation = unit.abbreviation ?? Self.abbreviation(shortName)
        place = directory.place(of: unit)
        let heads = directory.officers(withRole: .head, in: unit.id)
        let deputies = directory.officers(withRole: .deputy, in: unit.id)
        let posts = Self.posts(of: unit)
        var lines = unit.kind == .peoplesCommittee ? ["TM. ỦY BAN NHÂN DÂN"] : []
        if let head = heads.first {
            lines.append(posts.head)
            signerName = head.name
        } else if let deputy = deputies.first {
            lines += ["KT. \(posts.head)", posts.deputy]
            signerName = deputy.name
        } else {
            lines.append(posts.head)
        }
        signatureLines = lines
        recipients = Self.recipients(of: unit, in: directory)
        archive = unit.name.lowercased().hasPrefix("phòng") ? "Lưu: VT, \(abbreviation)." : "Lưu: VT."
    }

    private static func isProvincialAuthority(_ unit: Unit, in directory: Directory) -> Bool {
        guard unit.kind == .educationAuthority, unit.department == nil else { return false }
        return unit.parent.flatMap(directory.unit).map { $0.kind == .province } ?? true
    }

    /// The body the unit belongs to: for a school, the People's Committee that manages it (since
    /// 1 July 2025 the commune's, Circular 15/2025/TT-BGDĐT); for an authority under a commune or
    /// the province, the People's Committee it belongs to or reports to; else the unit above.
    private static func parentBody(of unit: Unit, in directory: Directory) -> Unit? {
        if unit.kind.isSchool, let committee = directory.reportingCommittee(of: unit.id).flatMap(directory.unit) {
            return committee
        }
        guard let parent = unit.parent.flatMap(directory.unit) else { return nil }
        switch parent.kind {
        case .commune: return directory.peoplesCommittee(ofCommune: parent.id).flatMap(directory.unit)
        case .province: return directory.reportingCommittee(ofAuthority: unit.id).flatMap(directory.unit)
        default: return parent
        }
    }

    /// "Ủy ban nhân dân xã Bình Sơn" → "UBND xã Bình Sơn": the abbreviation Decree 30/2020 allows
    /// in the name of the cơ quan chủ quản.
    static func committeeAbbreviated(_ name: String) -> String {
        for long in ["Ủy ban nhân dân", "Uỷ ban nhân dân"] where name.hasPrefix(long) {
            return "UBND" + name.dropFirst(long.count)
        }
        return name
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

    /// The posts of the unit's head and deputy as a signature writes them.
    private static func posts(of unit: Unit) -> (head: String, deputy: String) {
        if unit.kind.isSchool { return ("HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG") }
        if unit.kind == .peoplesCommittee { return ("CHỦ TỊCH", "PHÓ CHỦ TỊCH") }
        let words = unit.name.split(separator: " ").map { $0.lowercased() }
        let head =
            switch words.first {
            case "sở": "GIÁM ĐỐC"
            case "trung" where words.dropFirst().first == "tâm": "GIÁM ĐỐC"
            case let first?: "TRƯỞNG " + ReportDocument.uppercase(first)
            case nil: "TRƯỞNG"
            }
        return (head, "PHÓ " + head)
    }

    /// A school reports to its People's Committee and its authority; an authority to its People's
    /// Committee and its superior authority (to report), with copies to the units under it (for
    /// their information), named together when there are many.
    private static func recipients(of unit: Unit, in directory: Directory) -> [ReportDocument.Recipient] {
        let above: [UnitID?] =
            unit.kind.isSchool
            ? [directory.reportingCommittee(of: unit.id), unit.parent]
            : [directory.reportingCommittee(ofAuthority: unit.id), directory.superiorAuthority(of: unit.id)]
        var recipients: [ReportDocument.Recipient] = []
        for id in above.compactMap({ $0 }) where id != unit.id {
            if let name = directory.unit(id).map({ committeeAbbreviated($0.name) }),
                !recipients.contains(where: { $0.name == name })
            {
                recipients.append(.init(name: name, purpose: "để báo cáo"))
            }
        }
        let schools = directory.units.filter { $0.parent == unit.id && $0.kind.isSchool }
        let offices =
            directory.units.filter { $0.parent == unit.id && $0.kind == .educationAuthority }
            + directory.units.filter { $0.department == unit.id && $0.parent != unit.id }
        if schools.count + offices.count <= listedUnits {
            recipients += (schools + offices).map { .init(name: $0.name, purpose: "để biết") }
            return recipients
        }
        if !schools.isEmpty {
            let area = unit.parent.flatMap(directory.unit)?.kind == .province ? "tỉnh" : "xã"
            recipients.append(
                .init(name: "Các trường \(schoolKinds(schools)) trên địa bàn \(area)", purpose: "để biết")
            )
        }
        if offices.count > listedUnits {
            recipients.append(.init(name: "Phòng Văn hóa - Xã hội các xã, phường", purpose: "để biết"))
        } else {
            recipients += offices.map { .init(name: $0.name, purpose: "để biết") }
        }
        return recipients
    }

    /// "MN, TH, THCS": the kinds of `schools`, youngest first.
    private static func schoolKinds(_ schools: [Unit]) -> String {
        let order: [(UnitKind, String)] = [
            (.preschool, "MN"), (.primary, "TH"), (.primaryLowerSecondary, "TH&THCS"), (.lowerSecondary, "THCS"),
        ]
        return order.filter { kind in schools.contains { $0.kind == kind.0 } }.map(\.1).joined(separator: ", ")
    }
}
