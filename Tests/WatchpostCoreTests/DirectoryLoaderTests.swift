import Foundation
import Testing

@testable import WatchpostCore

@Suite struct DirectoryLoaderTests {
    static let valid = """
        units:
          - id: province
            kind: province
            name: Tỉnh Quảng Ngãi
          - id: ca-tinh
            kind: provincial_police
            name: Công an tỉnh
            parent: province
          - id: xa-a
            kind: commune
            name: Xã A
            parent: province
            police: ca-xa-a
          - id: ca-xa-a
            kind: commune_police
            name: Công an xã A
            parent: ca-tinh
          - id: vhxh-a
            kind: education_authority
            name: Phòng Văn hóa - Xã hội xã A
          - id: thcs-a
            kind: lower_secondary
            name: Trường THCS A
            commune: xa-a
            authority: vhxh-a
        officers:
          - id: ht-a
            name: Nguyễn Văn An
            unit: thcs-a
            roles: [head]
            channels:
              - email: ht@a.example.invalid
          - id: ca-a
            name: Trần Văn Bình
            unit: ca-xa-a
            roles: [police_liaison]
            channels:
              - phone: 0900000001
          - id: desk-a
            name: Lê Thị Cúc
            unit: vhxh-a
            roles: [authority_desk]
            channels:
              - email: desk@a.example.invalid
        """

    @Test func validDirectoryLoadsAndResolvesRelations() throws {
        let directory = try Directory.load(yaml: Self.valid, file: "directory.yaml")
        #expect(directory.officers(.schoolHead, of: "thcs-a").map(\.id) == ["ht-a"])
        #expect(directory.officers(.communePoliceLiaison, of: "thcs-a").map(\.id) == ["ca-a"])
        #expect(directory.officers(.authorityDesk, of: "thcs-a").map(\.id) == ["desk-a"])
        #expect(directory.unit("thcs-a")?.authority == "vhxh-a")
        #expect(directory.officer("ca-a")?.channels == [Channel(kind: .sms, address: "0900000001")])
    }

    static let broken: [BrokenConfig] = [
        BrokenConfig(
            name: "unknown parent",
            replacing: "  - id: ca-xa-a\n    kind: commune_police\n    name: Công an xã A\n    parent: ca-tinh",
            with: "  - id: ca-xa-a #!\n    kind: commune_police\n    name: Công an xã A\n    parent: ca-huyen",
            expectedMessage: "parent `ca-huyen` is not a unit in the directory"
        ),
        BrokenConfig(
            name: "unknown commune",
            replacing: "  - id: thcs-a\n    kind: lower_secondary\n    name: Trường THCS A\n    commune: xa-a",
            with: "  - id: thcs-a #!\n    kind: lower_secondary\n    name: Trường THCS A\n    commune: xa-b",
            expectedMessage: "commune `xa-b` is not a unit"
        ),
        BrokenConfig(
            name: "unknown authority",
            replacing:
                "  - id: thcs-a\n    kind: lower_secondary\n    name: Trường THCS A\n    commune: xa-a\n    authority: vhxh-a",
            with:
                "  - id: thcs-a #!\n    kind: lower_secondary\n    name: Trường THCS A\n    commune: xa-a\n    authority: phong-gd-huyen",
            expectedMessage: "authority `phong-gd-huyen` is not a unit"
        ),
        BrokenConfig(
            name: "officer in unknown unit",
            replacing: "      - email: desk@a.example.invalid",
            with:
                "      - email: desk@a.example.invalid\n  - id: desk-b #!\n    name: Lê Thị Dung\n    unit: vhxh-b\n    roles: [authority_desk]\n    channels:\n      - email: b@a.example.invalid",
            expectedMessage: "officer `desk-b` is in unknown unit `vhxh-b`"
        ),
        BrokenConfig(
            name: "duplicate unit id",
            replacing: "  - id: vhxh-a\n",
            with: "  - id: vhxh-a\n    kind: education_authority\n    name: Bản sao\n  - id: vhxh-a #!\n",
            expectedMessage: "duplicate unit id `vhxh-a`"
        ),
        BrokenConfig(
            name: "cycle in the tree",
            replacing: "  - id: vhxh-a\n    kind: education_authority\n    name: Phòng Văn hóa - Xã hội xã A",
            with:
                "  - id: vhxh-a #!\n    kind: education_authority\n    name: Phòng Văn hóa - Xã hội xã A\n    parent: so\n  - id: so\n    kind: education_authority\n    name: Sở\n    parent: vhxh-a",
            expectedMessage: "the tree has a cycle: vhxh-a → so → vhxh-a"
        ),
        BrokenConfig(
            name: "school without a head",
            replacing: "    unit: thcs-a\n    roles: [head]",
            with: "    unit: thcs-a\n    roles: [deputy]",
            expectedMessage: "school `thcs-a` has no officer with role `head`",
            markedLine: "- id: thcs-a"
        ),
        BrokenConfig(
            name: "invalid channel address",
            replacing: "      - email: ht@a.example.invalid",
            with: "      - email: hieutruong-at-example #!",
            expectedMessage: "invalid email channel"
        ),
        BrokenConfig(
            name: "invalid phone number",
            replacing: "      - phone: 0900000001",
            with: "      - phone: 12345 #!",
            expectedMessage: "not a Vietnamese phone number"
        ),
        BrokenConfig(
            name: "no reachable police liaison",
            replacing: "    unit: ca-xa-a\n    roles: [police_liaison]",
            with: "    unit: ca-xa-a\n    roles: [monitor]",
            expectedMessage: "has no reachable police liaison",
            markedLine: "- id: thcs-a"
        ),
        BrokenConfig(
            name: "unknown role",
            replacing: "    roles: [authority_desk]",
            with: "    roles: [secretary] #!",
            expectedMessage: "unknown role `secretary`"
        ),
        BrokenConfig(
            name: "misspelt key",
            replacing: "    police: ca-xa-a",
            with: "    police: ca-xa-a\n    polic: ca-xa-a #!",
            expectedMessage: "unknown key `polic`"
        ),
        BrokenConfig(
            name: "YAML syntax error",
            replacing: "    name: Xã A\n",
            with: "    name: Xã A\n   bad: [unclosed #!\n",
            expectedMessage: "YAML syntax error"
        ),
    ]

    @Test(arguments: broken)
    func reportsEachProblemWithFileAndLine(_ broken: BrokenConfig) {
        broken.check(base: Self.valid, file: "Config/directory.yaml") { yaml, file throws(ConfigError) in
            _ = try Directory.load(yaml: yaml, file: file)
        }
    }

    @Test func schoolWithoutHeadIsReportedOnTheSchoolsLine() throws {
        let yaml = Self.valid.replacingOccurrences(of: "roles: [head]", with: "roles: [deputy]")
        let line = (yaml.split(separator: "\n").firstIndex { $0.contains("- id: thcs-a") } ?? 0) + 1
        #expect(throws: ConfigError.self) { try Directory.load(yaml: yaml, file: "d.yaml") }
        do {
            _ = try Directory.load(yaml: yaml, file: "d.yaml")
        } catch {
            #expect(
                error.problems.map(\.description).contains(
                    "d.yaml:\(line): school `thcs-a` has no officer with role `head`"
                )
            )
        }
    }

    @Test func reportsEveryProblemAtOnce() {
        let yaml = Self.valid
            .replacingOccurrences(of: "commune: xa-a", with: "commune: xa-z")
            .replacingOccurrences(of: "unit: vhxh-a", with: "unit: vhxh-z")
        do {
            _ = try Directory.load(yaml: yaml, file: "d.yaml")
            Issue.record("loaded a broken directory")
        } catch {
            #expect(error.problems.count >= 2)
        }
    }

    /// The 2025 shape: the commune office belongs to the commune People's Committee and names
    /// the provincial Department that guides it.
    static let communeManaged = """
        units:
          - id: province
            kind: province
            name: Tỉnh Quảng Ngãi
          - id: so
            kind: education_authority
            name: Sở Giáo dục và Đào tạo
            parent: province
          - id: ca-tinh
            kind: provincial_police
            name: Công an tỉnh
            parent: province
          - id: xa-a
            kind: commune
            name: Xã A
            parent: province
            police: ca-xa-a
          - id: ubnd-xa-a
            kind: peoples_committee
            name: Ủy ban nhân dân xã A
            parent: xa-a
          - id: xa-b
            kind: commune
            name: Xã B
            parent: province
            police: ca-xa-a
          - id: ca-xa-a
            kind: commune_police
            name: Công an xã A
            parent: ca-tinh
          - id: vhxh-a
            kind: education_authority
            name: Phòng Văn hóa - Xã hội xã A
            parent: ubnd-xa-a
            department: so
          - id: thcs-a
            kind: lower_secondary
            name: Trường THCS A
            commune: xa-a
            authority: vhxh-a
        officers:
          - id: ht-a
            name: Nguyễn Văn An
            unit: thcs-a
            roles: [head]
            channels:
              - email: ht@a.example.invalid
          - id: gs-a
            name: Vũ Văn Giang
            unit: thcs-a
            roles: [monitor]
            channels:
              - email: gs@a.example.invalid
          - id: ca-a
            name: Trần Văn Bình
            unit: ca-xa-a
            roles: [police_liaison]
            channels:
              - phone: 0900000001
          - id: desk-a
            name: Lê Thị Cúc
            unit: vhxh-a
            roles: [authority_desk]
            channels:
              - email: desk@a.example.invalid
          - id: pct-a
            name: Đỗ Thị Hoa
            unit: ubnd-xa-a
            roles: [deputy]
            channels:
              - zalo: 0900000002
          - id: ct-a
            name: Phan Văn Long
            unit: ubnd-xa-a
            roles: [head]
            channels:
              - phone: 0900000003
          - id: pgd-so
            name: Bùi Thị Thảo
            unit: so
            roles: [authority_leadership]
            channels:
              - email: pgd@so.example.invalid
        """

    @Test func communeOfficeUnderItsCommitteeResolvesTheCommitteeAndTheDepartment() throws {
        let directory = try Directory.load(yaml: Self.communeManaged, file: "directory.yaml")
        #expect(directory.officers(.communePeoplesCommittee, of: "thcs-a").map(\.id) == ["ct-a", "pct-a"])
        #expect(directory.officers(.departmentLeadership, of: "thcs-a").map(\.id) == ["pgd-so"])
        #expect(directory.superiorAuthority(of: "vhxh-a") == "so")
        #expect(directory.reportingCommittee(of: "thcs-a") == "ubnd-xa-a", "an office reports to its committee")
        #expect(directory.officers(.peoplesCommittee, of: "thcs-a").isEmpty, "reports only, never alerted")
        #expect(directory.relations(of: "ct-a", to: "thcs-a") == [.communePeoplesCommittee])
    }

    static let brokenCommuneManaged: [BrokenConfig] = [
        BrokenConfig(
            name: "department that is not an education authority",
            replacing: "    department: so",
            with: "    department: ubnd-xa-a",
            expectedMessage: "department `ubnd-xa-a` is a `peoples_committee`, expected education_authority",
            markedLine: "- id: vhxh-a"
        ),
        BrokenConfig(
            name: "department on a unit that is not an education authority",
            replacing: "    police: ca-xa-a\n  - id: ubnd-xa-a",
            with: "    police: ca-xa-a\n    department: so #!\n  - id: ubnd-xa-a",
            expectedMessage: "unit `xa-a`: only education authorities have `department`"
        ),
        BrokenConfig(
            name: "department beside a parent authority",
            replacing: "    parent: ubnd-xa-a\n    department: so",
            with: "    parent: so\n    department: so",
            expectedMessage: "its parent `so` is already the education authority above it",
            markedLine: "- id: vhxh-a"
        ),
        BrokenConfig(
            name: "second People's Committee for one commune",
            replacing: "  - id: xa-b\n",
            with:
                "  - id: ubnd-xa-a-2 #!\n    kind: peoples_committee\n    name: Bản sao\n    parent: xa-a\n  - id: xa-b\n",
            expectedMessage: "commune `xa-a` already has People's Committee `ubnd-xa-a`"
        ),
        BrokenConfig(
            name: "school outside the commune whose committee manages it",
            replacing: "    commune: xa-a\n    authority: vhxh-a",
            with: "    commune: xa-b\n    authority: vhxh-a",
            expectedMessage: "school `thcs-a` is in commune `xa-b`, but its authority `vhxh-a` belongs to `ubnd-xa-a`",
            markedLine: "- id: thcs-a"
        ),
    ]

    @Test(arguments: brokenCommuneManaged)
    func reportsEachCommuneCommitteeProblemWithFileAndLine(_ broken: BrokenConfig) {
        broken.check(base: Self.communeManaged, file: "Config/directory.yaml") { yaml, file throws(ConfigError) in
            _ = try Directory.load(yaml: yaml, file: file)
        }
    }

    @Test func schoolWithoutMonitorIsWarnedAboutOnItsLine() throws {
        let directory = try Directory.load(yaml: Self.valid, file: "d.yaml")
        let line = (Self.valid.split(separator: "\n").firstIndex { $0.contains("- id: thcs-a") } ?? 0) + 1
        let warnings = MonitorCheck.warnings(directory: directory, file: "d.yaml")
        #expect(warnings.map(\.unit) == ["thcs-a"])
        #expect(
            warnings.first?.description.hasPrefix(
                "d.yaml:\(line): warning: school `thcs-a` has no officer with role `monitor`"
            ) == true
        )
        let monitored = try Directory.load(yaml: Self.communeManaged, file: "d.yaml")
        #expect(MonitorCheck.warnings(directory: monitored, file: "d.yaml").isEmpty)
    }
}

/// The directory's channel spellings: `phone` is the SMS channel, `console` is refused.
struct DirectoryChannelSpellingTests {
    @Test func aPhoneChannelIsSentBySMSAndAConsoleChannelIsRefused() throws {
        #expect(ChannelKind.directorySpellings["phone"] == .sms)
        #expect(ChannelKind.directorySpellings["console"] == nil)
        #expect(Channel(kind: .console, address: "x").addressProblem?.contains("development only") == true)
    }

    @Test func aChannelStoredAsPhoneStillDecodesAsSMS() throws {
        let stored = Data(#"{"kind":"phone","address":"0900000001"}"#.utf8)
        let channel = try JSONDecoder().decode(Channel.self, from: stored)
        #expect(channel == Channel(kind: .sms, address: "0900000001"))
        let written = String(decoding: try JSONEncoder().encode(channel), as: UTF8.self)
        #expect(written.contains(#""kind":"sms""#))
    }
}
