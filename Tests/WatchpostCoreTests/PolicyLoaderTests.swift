import Testing

@testable import WatchpostCore

@Suite struct PolicyLoaderTests {
    static let valid = """
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
            alert: [school_head, authority_desk]
            obligations:
              - kind: acknowledge
                owner: school_head
                deadline: 2h
                reminders: [1h, 15m]
                escalation: missed
                reason: ack
        """

    @Test func validPolicyLoads() throws {
        let policy = try Policy.load(yaml: Self.valid, file: "routing.yaml")
        let spec = try #require(policy.rules.first?.obligations.first)
        #expect(spec.deadline == .seconds(7_200))
        #expect(spec.reminders == [.seconds(3_600), .seconds(900)])
        #expect(spec.reason.legalBasis.contains("mục 4"))
        #expect(policy.chains["missed"]?.levels.count == 2)
    }

    static let broken: [BrokenConfig] = [
        BrokenConfig(
            name: "unknown relation",
            replacing: "    alert: [school_head, authority_desk]",
            with: "    alert: [school_head, district_office] #!",
            expectedMessage: "unknown relation `district_office`"
        ),
        BrokenConfig(
            name: "unknown subject role",
            replacing: "  - name: every-incident\n",
            with: "  - name: every-incident\n    when: { subject_role: [principal] } #!\n",
            expectedMessage: "unknown subject role `principal`"
        ),
        BrokenConfig(
            name: "peoples committee alerted",
            replacing: "    alert: [school_head, authority_desk]",
            with: "    alert: [school_head, peoples_committee] #!",
            expectedMessage: "receives reports only"
        ),
        BrokenConfig(
            name: "unknown obligation kind",
            replacing: "      - kind: acknowledge",
            with: "      - kind: apologise #!",
            expectedMessage: "unknown obligation kind `apologise`"
        ),
        BrokenConfig(
            name: "zero deadline",
            replacing: "        deadline: 2h",
            with: "        deadline: 0m #!",
            expectedMessage: "must be longer than zero"
        ),
        BrokenConfig(
            name: "deadline that is not a duration",
            replacing: "        deadline: 2h",
            with: "        deadline: soon #!",
            expectedMessage: "is not a duration"
        ),
        BrokenConfig(
            name: "reminder not before the deadline",
            replacing: "        reminders: [1h, 15m]",
            with: "        reminders: [3h, 15m] #!",
            expectedMessage: "reminder 3h before the deadline is not within the 2h deadline"
        ),
        BrokenConfig(
            name: "unknown chain",
            replacing: "        escalation: missed",
            with: "        escalation: nowhere #!",
            expectedMessage: "unknown escalation chain `nowhere`"
        ),
        BrokenConfig(
            name: "chain that loops",
            replacing: "      - notify: [authority_head]\n",
            with: "      - notify: [authority_head]\n        deadline: 1h\n    continue_with: missed #!\n",
            expectedMessage: "does not terminate"
        ),
        BrokenConfig(
            name: "chain longer than five levels",
            replacing: "      - notify: [authority_head]\n",
            with:
                "      - notify: [authority_head]\n        deadline: 1h\n    continue_with: long\n  long:\n    levels:\n"
                + String(repeating: "      - notify: [authority_head]\n        deadline: 1h\n", count: 3)
                + "      - notify: [department_leadership]\n",
            expectedMessage: "has 6 levels; at most 5 are allowed",
            markedLine: "  missed:"
        ),
        BrokenConfig(
            name: "last level with a deadline",
            replacing: "      - notify: [authority_head]\n",
            with: "      - notify: [authority_head] #!\n        deadline: 8h\n",
            expectedMessage: "no level follows it"
        ),
        BrokenConfig(
            name: "unknown reason",
            replacing: "        reason: ack",
            with: "        reason: because #!",
            expectedMessage: "unknown reason `because`"
        ),
        BrokenConfig(
            name: "unknown action in met_by",
            replacing: "    - { action: content_removed }",
            with: "    - { action: content_deleted } #!",
            expectedMessage: "unknown action `content_deleted`"
        ),
        BrokenConfig(
            name: "unknown severity",
            replacing: "  - name: every-incident\n",
            with: "  - name: every-incident\n    when: { severity_at_least: urgent } #!\n",
            expectedMessage: "unknown severity `urgent`"
        ),
        BrokenConfig(
            name: "misspelt key",
            replacing: "        deadline: 2h",
            with: "        deadline: 2h\n        deadlin: 3h #!",
            expectedMessage: "unknown key `deadlin`"
        ),
        BrokenConfig(
            name: "obligation its owner can never meet",
            replacing: "        owner: school_head",
            with: "        owner: authority_desk #!",
            expectedMessage: "rule `every-incident`: `authority_desk` owes `acknowledge` but could never meet it "
                + "(only `school_head` can)"
        ),
        BrokenConfig(
            name: "conflict of interest given to someone at the school",
            replacing: "manual_escalation_chain: missed\n",
            with:
                "manual_escalation_chain: missed\nconflict_of_interest: { subject_role: [manager], owner: school_deputy } #!\n",
            expectedMessage: "`conflict_of_interest` `owner` must be outside the school, not `school_deputy`"
        ),
        BrokenConfig(
            name: "follow-up of an unknown action",
            replacing: "manual_escalation_chain: missed\n",
            with: "manual_escalation_chain: missed\nfollow_ups: { content_deleted: [] } #!\n",
            expectedMessage: "unknown action `content_deleted` in `follow_ups`"
        ),
        BrokenConfig(
            name: "conflict of interest on an unknown role",
            replacing: "manual_escalation_chain: missed\n",
            with:
                "manual_escalation_chain: missed\nconflict_of_interest: { subject_role: [principal], owner: authority_leadership } #!\n",
            expectedMessage: "unknown subject role `principal`"
        ),
        BrokenConfig(
            name: "obligation kind with no met_by entry at all",
            replacing: "      - kind: acknowledge\n        owner: school_head",
            with: "      - kind: acknowledge_receipt\n        owner: authority_desk #!",
            expectedMessage:
                "`authority_desk` owes `acknowledge_receipt` but could never meet it (no `met_by` entry can)"
        ),
    ]

    @Test(arguments: broken)
    func reportsEachProblemWithFileAndLine(_ broken: BrokenConfig) {
        broken.check(base: Self.valid, file: "Config/routing.yaml") { yaml, file throws(ConfigError) in
            _ = try Policy.load(yaml: yaml, file: file)
        }
    }

    @Test func entryWithoutByCanBeMetByAnyOwnerAndUnusedKindsNeedNoEntry() throws {
        // `take_down`'s only entry names nobody, so the desk may owe it; nothing in the policy
        // says what meets `acknowledge_receipt`, and no rule uses it.
        let yaml =
            Self.valid + """

                  - name: desk-takes-down
                    alert: [authority_desk]
                    obligations:
                      - kind: take_down
                        owner: authority_desk
                        deadline: 24h
                        escalation: missed
                        reason: ack
                """
        let policy = try Policy.load(yaml: yaml, file: "routing.yaml")
        #expect(policy.rules.map(\.name) == ["every-incident", "desk-takes-down"])
        #expect(policy.triggers[.acknowledgeReceipt] == nil)
    }

    @Test func shippedPolicyLetsEveryOwnerMeetWhatItOwes() throws {
        let (_, policy) = try Fixture.shipped()
        for rule in policy.rules {
            for spec in rule.obligations {
                #expect(
                    policy.triggers[spec.kind, default: []].contains { $0.canBeMet(by: spec.owner) },
                    "\(rule.name): \(spec.owner.rawValue) owes \(spec.kind.rawValue)"
                )
            }
        }
        let report = policy.triggers[.reportToAuthority, default: []]
        #expect(report.contains { $0.action == .authorityReported && $0.by == .schoolHead })
        #expect(report.contains { $0.event == .incidentAcknowledged && $0.by == .authorityDesk })
    }

    @Test func strictestMatchingRuleSetsTheDeadline() throws {
        let (_, policy) = try Fixture.shipped()
        let facts = IncidentFacts(
            category: .other,
            severity: .critical,
            schoolKind: .primary,
            subjects: [],
            platform: .zalo
        )
        let plan = policy.plan(for: facts)
        let acknowledge = try #require(plan.obligations.first { $0.kind == .acknowledge })
        #expect(acknowledge.deadline == .seconds(1_800))
        #expect(acknowledge.chain == "urgent")
        #expect(plan.obligations.filter { $0.kind == .acknowledge }.count == 1)
    }
}
