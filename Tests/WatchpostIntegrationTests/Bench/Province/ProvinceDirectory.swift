import Foundation
import WatchpostCore

/// A generated province in the shapes of the shipped `Config/directory.yaml`: the province, its
/// People's Committee, Department and provincial police with their officers, then `communes`
/// communes, each with its People's Committee (chair and vice-chair), commune police (a
/// liaison), Culture and Society Office (head, deputy for education, desk) and
/// `schoolsPerCommune` schools (head, deputy, monitor). Names are fictional, mail uses
/// example.invalid and phones the 09xxxxxxxx range, as in the sample.
struct ProvinceDirectory {
    let communes: Int
    let schoolsPerCommune: Int
    /// The YAML text, loadable by `Directory.load(yaml:file:)`.
    let yaml: String

    init(communes: Int, schoolsPerCommune: Int) {
        self.communes = communes
        self.schoolsPerCommune = schoolsPerCommune
        var units = Self.provinceUnits
        var officers = Self.provinceOfficers
        var phone = 100
        func nextPhone() -> String {
            phone += 1
            return String(format: "09%08d", phone)
        }
        for number in 0..<communes {
            let commune = Self.commune(number)
            units += Self.communeUnits(commune)
            officers += Self.communeOfficers(commune, phone: nextPhone)
            for index in 0..<schoolsPerCommune {
                let school = Self.school(index, in: commune)
                units += """
                      - id: \(school.id)
                        kind: \(school.kind)
                        name: \(school.name)
                        commune: xa-\(commune.slug)
                        authority: vhxh-xa-\(commune.slug)

                    """
                officers += Self.schoolOfficers(school, seed: number * 31 + index, phone: nextPhone)
            }
        }
        yaml = "units:\n" + units + "\nofficers:\n" + officers
    }

    /// The loaded directory.
    func directory() throws -> Directory {
        try Directory.load(yaml: yaml, file: "province-directory.yaml")
    }

    /// The shipped policy as it is, deadlines on working time included: the province runs on it.
    static func policy() throws -> Policy {
        try Policy.load(contentsOf: PipelinePaths.shippedConfig.appendingPathComponent("routing.yaml"))
    }

    /// A configuration folder for `watchpost api`: the shipped `Config/` with this directory.
    func configFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("watchpost-province-\(UUID())")
        try FileManager.default.copyItem(at: PipelinePaths.shippedConfig, to: folder)
        try yaml.write(to: folder.appendingPathComponent("directory.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    /// Commune `number`'s name: two syllables from the province's place names, unique up to 100
    /// communes, then numbered.
    static func commune(_ number: Int) -> (name: String, slug: String) {
        let first = prefixes[number % prefixes.count]
        let second = suffixes[(number / prefixes.count) % suffixes.count]
        let round = number / (prefixes.count * suffixes.count)
        let name = "\(first.name) \(second.name)" + (round > 0 ? " \(round + 1)" : "")
        let slug = "\(first.slug)-\(second.slug)" + (round > 0 ? "-\(round + 1)" : "")
        return (name, slug)
    }

    /// The `index`th school of `commune`: kinds in the proportions of the sample directory.
    static func school(_ index: Int, in commune: (name: String, slug: String)) -> (
        id: String, kind: String, name: String
    ) {
        let kinds = [
            ("mn", "preschool", "Trường Mầm non"), ("th", "primary", "Trường Tiểu học"),
            ("mn", "preschool", "Trường Mầm non"), ("th", "primary", "Trường Tiểu học"),
            ("thcs", "lower_secondary", "Trường THCS"), ("th", "primary", "Trường Tiểu học"),
            ("th-thcs", "primary_lower_secondary", "Trường TH và THCS"), ("mn", "preschool", "Trường Mầm non"),
            ("th", "primary", "Trường Tiểu học"), ("thcs", "lower_secondary", "Trường THCS"),
        ]
        let (prefix, kind, title) = kinds[index % kinds.count]
        let number = index + 1
        return ("\(prefix)-so-\(number)-\(commune.slug)", kind, "\(title) số \(number) \(commune.name)")
    }

    /// Officer `role`'s id at `school` (`ht`, `pht`, `gs`).
    static func officer(_ role: String, of school: String) -> OfficerID { "\(role)-\(school)" }

    private static let prefixes: [(name: String, slug: String)] = [
        ("Bình", "binh"), ("Tịnh", "tinh"), ("Nghĩa", "nghia"), ("Đức", "duc"), ("Phổ", "pho"),
        ("Sơn", "son"), ("Trà", "tra"), ("Ba", "ba"), ("Minh", "minh"), ("Hành", "hanh"),
    ]
    private static let suffixes: [(name: String, slug: String)] = [
        ("An", "an"), ("Hòa", "hoa"), ("Thạnh", "thanh"), ("Phú", "phu"), ("Long", "long"),
        ("Đông", "dong"), ("Tây", "tay"), ("Trung", "trung"), ("Bắc", "bac"), ("Lộc", "loc"),
    ]
    private static let families = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Đặng", "Bùi", "Đỗ"]
    private static let middles = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Thị Thu"]
    private static let givens = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Nam", "Phúc", "Tâm"]

    private static func person(_ seed: Int) -> String {
        "\(families[seed % families.count]) \(middles[(seed / 7) % middles.count]) \(givens[(seed / 13) % givens.count])"
    }

    private static let provinceUnits = """
          - id: tinh-quang-ngai
            kind: province
            name: Tỉnh Quảng Ngãi
            name_en: Quảng Ngãi province
            calendar:
              hours:
                monday_to_friday: [07:00-11:30, 13:30-17:00]
              school_year:
                starts: 09-05
                ends: 05-31
                break_hours:
                  monday: [07:30-11:00]
                  thursday: [07:30-11:00]

          - id: ubnd-tinh-quang-ngai
            kind: peoples_committee
            name: Ủy ban nhân dân tỉnh Quảng Ngãi
            parent: tinh-quang-ngai

          - id: so-gddt-quang-ngai
            kind: education_authority
            name: Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi
            abbreviation: SGDĐT
            parent: tinh-quang-ngai
            reports_to: ubnd-tinh-quang-ngai

          - id: ca-tinh-quang-ngai
            kind: provincial_police
            name: Công an tỉnh Quảng Ngãi
            parent: tinh-quang-ngai

        """

    private static let provinceOfficers = """
          - id: gd-so-gddt
            name: Nguyễn Văn Hùng
            title: Giám đốc Sở Giáo dục và Đào tạo
            unit: so-gddt-quang-ngai
            roles: [head]
            channels:
              - email: giamdoc@sogddt.example.invalid
          - id: pgd-so-gddt
            name: Bùi Thị Thu Thảo
            unit: so-gddt-quang-ngai
            roles: [authority_leadership]
            channels:
              - email: phogiamdoc@sogddt.example.invalid
          - id: vp-so-gddt
            name: Trương Thị Ngọc Phượng
            unit: so-gddt-quang-ngai
            roles: [authority_desk]
            channels:
              - email: chinhtri-tt@sogddt.example.invalid
          - id: pa05-ca-tinh
            name: Trần Quốc Nghĩa
            unit: ca-tinh-quang-ngai
            roles: [police_liaison]
            channels:
              - email: pa05@congan-qn.example.invalid

        """

    private static func communeUnits(_ commune: (name: String, slug: String)) -> String {
        """
          - id: xa-\(commune.slug)
            kind: commune
            name: Xã \(commune.name)
            parent: tinh-quang-ngai
            police: ca-xa-\(commune.slug)

          - id: ubnd-xa-\(commune.slug)
            kind: peoples_committee
            name: Ủy ban nhân dân xã \(commune.name)
            parent: xa-\(commune.slug)

          - id: ca-xa-\(commune.slug)
            kind: commune_police
            name: Công an xã \(commune.name)
            parent: ca-tinh-quang-ngai

          - id: vhxh-xa-\(commune.slug)
            kind: education_authority
            name: Phòng Văn hóa - Xã hội xã \(commune.name)
            abbreviation: VHXH
            parent: ubnd-xa-\(commune.slug)
            department: so-gddt-quang-ngai
            reports_to: ubnd-xa-\(commune.slug)


        """
    }

    private static func communeOfficers(_ commune: (name: String, slug: String), phone: () -> String) -> String {
        let s = commune.slug
        let seed = s.unicodeScalars.reduce(0) { $0 &+ Int($1.value) }
        return """
              - id: tp-vhxh-\(s)
                name: \(person(seed))
                unit: vhxh-xa-\(s)
                roles: [head]
                channels:
                  - email: truongphong.vhxh@\(s).example.invalid
              - id: ptp-vhxh-\(s)
                name: \(person(seed + 1))
                unit: vhxh-xa-\(s)
                roles: [authority_leadership, deputy]
                channels:
                  - zalo: \(phone())
              - id: cv-vhxh-\(s)
                name: \(person(seed + 2))
                unit: vhxh-xa-\(s)
                roles: [authority_desk, monitor]
                channels:
                  - email: giaoduc.vhxh@\(s).example.invalid
              - id: ca-xa-\(s)-anm
                name: \(person(seed + 3))
                unit: ca-xa-\(s)
                roles: [police_liaison]
                channels:
                  - phone: \(phone())
              - id: ct-ubnd-\(s)
                name: \(person(seed + 4))
                unit: ubnd-xa-\(s)
                roles: [head]
                channels:
                  - email: chutich@ubnd-\(s).example.invalid
              - id: pct-ubnd-\(s)
                name: \(person(seed + 5))
                unit: ubnd-xa-\(s)
                roles: [deputy]
                channels:
                  - email: phochutich@ubnd-\(s).example.invalid

            """
    }

    private static func schoolOfficers(
        _ school: (id: String, kind: String, name: String),
        seed: Int,
        phone: () -> String
    )
        -> String
    {
        """
          - id: \(officer("ht", of: school.id))
            name: \(person(seed * 3))
            unit: \(school.id)
            roles: [head]
            channels:
              - email: hieutruong@\(school.id).example.invalid
              - phone: \(phone())
          - id: \(officer("pht", of: school.id))
            name: \(person(seed * 3 + 1))
            unit: \(school.id)
            roles: [deputy]
            channels:
              - zalo: \(phone())
          - id: \(officer("gs", of: school.id))
            name: \(person(seed * 3 + 2))
            unit: \(school.id)
            roles: [monitor]
            channels:
              - email: theodoi-mxh@\(school.id).example.invalid

        """
    }
}
