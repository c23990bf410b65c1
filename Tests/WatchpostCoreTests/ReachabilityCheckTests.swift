import Testing

@testable import WatchpostCore

@Suite struct ReachabilityCheckTests {
    static let directoryYAML = """
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
              - zalo: 0900000002
          - id: lead-a
            name: Phạm Văn Dũng
            unit: vhxh-a
            roles: [authority_leadership]
            channels:
              - phone: 0900000003
          - id: tp-a
            name: Hoàng Thị Em
            unit: vhxh-a
            roles: [head]
            channels:
              - webhook: https://hooks.example.invalid/tp-a
          - id: gs-a
            name: Vũ Văn Giang
            unit: thcs-a
            roles: [monitor]
            channels:
              - email: gs@a.example.invalid
        """

    static let policyYAML = """
        version: 1
        reasons:
          ack:
            vi: Hiệu trưởng phải nắm sự việc.
            en: The head must take charge.
            legal_basis: "Công văn của Phòng GDĐT Bình Sơn (2024), mục 4"
        met_by:
          acknowledge:
            - { event: incident.acknowledged, by: school_head }
          take_down:
            - { action: content_removed }
          publish_correction:
            - { action: correction_published }
          notify_police:
            - { action: police_notified }
          report_to_authority:
            - { event: incident.acknowledged, by: authority_desk }
        escalation_chains:
          missed:
            levels:
              - notify: [authority_leadership]
                deadline: 4h
              - notify: [authority_head]
        manual_escalation_chain: missed
        rules:
          - name: every-incident
            alert: [school_head, school_deputy, authority_desk]
            obligations:
              - kind: acknowledge
                owner: school_head
                deadline: 2h
                reminders: [1h]
                escalation: missed
                reason: ack
          - name: preschool-police
            when: { school_kind: [preschool] }
            alert: [commune_police_liaison]
        """

    static let file = "Config/directory.yaml"

    static func load(_ yaml: String = directoryYAML) throws -> (Directory, Policy) {
        (try Directory.load(yaml: yaml, file: file), try Policy.load(yaml: policyYAML, file: "Config/routing.yaml"))
    }

    /// The 1-based line of the first line of `yaml` containing `text`.
    static func line(of text: String, in yaml: String = directoryYAML) -> Int {
        (yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) } ?? -1) + 1
    }

    @Test func everyoneNeededIsReachableWhenTheirKindsAreConfigured() throws {
        let (directory, policy) = try Self.load()
        let check = ReachabilityCheck(configuredKinds: [.email, .sms, .webhook])
        #expect(check.findings(directory: directory, policy: policy, file: Self.file) == [])
    }

    @Test func emailOnlyOfficerIsReportedWhenEmailIsNotConfigured() throws {
        let (directory, policy) = try Self.load()
        let check = ReachabilityCheck(configuredKinds: [.sms, .webhook])
        let findings = check.findings(directory: directory, policy: policy, file: Self.file)
        let head = try #require(findings.first { $0.subject == .officer("ht-a") })
        #expect(head.problem == .noConfiguredChannel)
        #expect(head.relations == [.schoolHead])
        #expect(head.line == Self.line(of: "- id: ht-a"))
        #expect(head.description.hasPrefix("Config/directory.yaml:\(head.line): warning: officer `ht-a`"))
        #expect(head.message.contains("only by email"))
        // The desk has e-mail and Zalo, neither configured; the monitor is needed by no relation.
        #expect(findings.map(\.subject.id) == ["thcs-a", "ht-a", "desk-a"])
        let school = try #require(findings.first)
        #expect(school.problem == .nobodyReachable)
        #expect(school.relations == [.schoolHead, .authorityDesk])
        #expect(school.line == Self.line(of: "- id: thcs-a"))
        #expect(school.message.contains("`school_head` (`ht-a` cannot be reached)"))
    }

    @Test func officerWithNoChannelIsReportedAsNoChannel() throws {
        let yaml = Self.directoryYAML.replacingOccurrences(
            of: "    channels:\n      - phone: 0900000003\n",
            with: "    channels: []\n"
        )
        let (directory, policy) = try Self.load(yaml)
        let check = ReachabilityCheck(configuredKinds: Set(ChannelKind.allCases))
        let findings = check.findings(directory: directory, policy: policy, file: Self.file)
        #expect(findings.map(\.subject) == [.school("thcs-a"), .officer("lead-a")])
        #expect(findings.last?.problem == .noChannel)
        #expect(findings.last?.line == Self.line(of: "- id: lead-a", in: yaml))
        #expect(findings.first?.relations == [.authorityLeadership])
    }

    @Test func officerWhoseEveryAddressIsInvalidIsReported() throws {
        let (loaded, policy) = try Self.load()
        let officers = loaded.officers.map { officer in
            var officer = officer
            if officer.id == "ca-a" { officer.channels = [Channel(kind: .sms, address: "112")] }
            return officer
        }
        let directory = Directory(units: loaded.units, officers: officers)
        // The police liaison is needed only by the preschool rule, so make the school a preschool.
        let units = directory.units.map { unit in
            var unit = unit
            if unit.id == "thcs-a" { unit.kind = .preschool }
            return unit
        }
        let check = ReachabilityCheck(configuredKinds: Set(ChannelKind.allCases))
        let findings = check.findings(
            directory: Directory(units: units, officers: officers),
            policy: policy,
            file: Self.file
        )
        let liaison = try #require(findings.first { $0.subject == .officer("ca-a") })
        #expect(liaison.problem == .onlyInvalidAddresses)
        #expect(liaison.message.contains("`112` is not a Vietnamese phone number"))
        #expect(findings.first { $0.subject == .school("thcs-a") }?.relations == [.communePoliceLiaison])
        // For a lower-secondary school no rule alerts the police, so nobody needs the liaison.
        #expect(check.findings(directory: directory, policy: policy, file: Self.file) == [])
    }

    @Test func missingDeputyIsNotReportedButMissingEscalationStepIs() throws {
        let yaml = Self.directoryYAML.replacingOccurrences(
            of: "    roles: [head]\n    channels:\n      - webhook",
            with: "    roles: [deputy]\n    channels:\n      - webhook"
        )
        let (directory, policy) = try Self.load(yaml)
        let check = ReachabilityCheck(configuredKinds: Set(ChannelKind.allCases))
        let findings = check.findings(directory: directory, policy: policy, file: Self.file)
        let school = try #require(findings.only)
        #expect(school.relations == [.authorityHead])
        #expect(school.message.contains("`authority_head` (nobody holds it)"))
        #expect(!school.message.contains("school_deputy"))
    }

    @Test func developmentOverrideReportsOnlyMissingOrInvalidChannels() throws {
        let yaml = Self.directoryYAML.replacingOccurrences(
            of: "    channels:\n      - phone: 0900000003\n",
            with: "    channels: []\n"
        )
        let (directory, policy) = try Self.load(yaml)
        let check = ReachabilityCheck(configuredKinds: [], overridesChannels: true)
        let findings = check.findings(directory: directory, policy: policy, file: Self.file)
        #expect(findings.map(\.subject) == [.school("thcs-a"), .officer("lead-a")])
        #expect(findings.map(\.problem) == [.nobodyReachable, .noChannel])
    }

    @Test func relationsUsedFollowRuleConditionsAndChains() throws {
        let (_, policy) = try Self.load()
        #expect(
            ReachabilityCheck.relationsUsed(by: policy, for: .lowerSecondary)
                == [.schoolHead, .schoolDeputy, .authorityDesk, .authorityLeadership, .authorityHead]
        )
        #expect(ReachabilityCheck.relationsUsed(by: policy, for: .preschool).contains(.communePoliceLiaison))
    }

    @Test func shippedDirectoryHasNoFindingsWhenEveryKindIsConfigured() throws {
        let (directory, policy) = try Fixture.shipped()
        let check = ReachabilityCheck(configuredKinds: Set(ChannelKind.allCases))
        let findings = check.findings(directory: directory, policy: policy, file: "Config/directory.yaml")
        #expect(findings == [], "\(findings.map(\.description).joined(separator: "\n"))")
    }
}

extension Array {
    /// The single element, or `nil` when there are none or several.
    fileprivate var only: Element? { count == 1 ? first : nil }
}
