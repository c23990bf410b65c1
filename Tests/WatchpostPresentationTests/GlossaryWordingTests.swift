import Foundation
import Testing
import WatchpostCore
import WatchpostNotify
import WatchpostPresentation

/// What officials read uses the words of `docs/glossary.md`: every alert template, SMS, label
/// and deadline reason is rendered through the real renderer and checked against the glossary's
/// rejected terms; the status report, web pages and sign-in and acknowledge messages are read
/// from their sources.
struct GlossaryWordingTests {
    typealias F = TemplateFixture

    @Test func theGlossaryFindsRejectedTermsAsWholeWordsInAnyCase() throws {
        let glossary = try Glossary.load()
        let found = glossary.violations(in: "Watchpost: Bạn đã quá hạn - SỰ CỐ leo thang, chuyển lên cấp 12.")
        #expect(found.count == 5, "\(found)")  // "Bạn đã quá hạn", "Bạn", "SỰ CỐ", "leo thang", "cấp 12"
        #expect(glossary.violations(in: "Báo cáo cấp trên chỉ đạo (lần 1); trao đổi với Công an cùng cấp.").isEmpty)
        #expect(glossary.violations(in: "Chuyển cấp trên xử lý (mức 1), hạn chót").count == 3)
        #expect(glossary.violations(in: "thông tin sai sự cốt truyện").isEmpty)  // not a whole word
    }

    @Test func everyRenderedAlertSubjectBodyAndSMSAvoidsTheRejectedTerms() throws {
        let glossary = try Glossary.load()
        var renderer = try F.renderer()
        renderer.smsMaxSegments = 20  // keep the diacritics: the words are what is checked
        var checked = 0
        for category in IncidentCategory.allCases {
            for context in try Self.contexts(category) {
                let message = renderer.render(context)
                for (part, text) in [
                    ("subject", message.subject), ("body", message.body), ("sms", renderer.smsText(context)),
                ] {
                    let found = glossary.violations(in: text)
                    #expect(found.isEmpty, "\(category) \(context.alert.template) \(part): \(found)")
                }
                checked += 1
            }
        }
        #expect(checked > IncidentCategory.allCases.count * AlertTemplate.allCases.count)
    }

    @Test func everyVietnameseLabelAndTitleOfTheAlertsAvoidsTheRejectedTerms() throws {
        let glossary = try Glossary.load()
        let vi = TemplateStrings.vi
        let labels =
            IncidentCategory.allCases.map { vi.label($0) } + Severity.allCases.map { vi.label($0) }
            + Platform.allCases.map { vi.label($0) } + SubjectRole.allCases.map { vi.label($0) }
            + ObligationKind.allCases.map { vi.label($0) } + Relation.allCases.map { vi.label($0) }
            + Relation.allCases.map { vi.title($0) } + IncidentStatus.allCases.map { vi.label($0) }
        for label in labels {
            #expect(glossary.violations(in: label).isEmpty, "\(label): \(glossary.violations(in: label))")
        }
    }

    @Test func alertsLabelCategoriesAndObligationsWithTheGlossarysWords() throws {
        let glossary = try Glossary.load()
        var unknown = Set(glossary.labels.keys)
        for category in IncidentCategory.allCases where category != .other {
            let entry = try #require(glossary.labels[category.rawValue], "\(category.rawValue) is not in the glossary")
            #expect(TemplateStrings.vi.label(category) == entry.vi)
            #expect(TemplateStrings.en.label(category) == entry.en)
            unknown.remove(category.rawValue)
        }
        for kind in ObligationKind.allCases {
            let entry = try #require(glossary.labels[kind.rawValue], "\(kind.rawValue) is not in the glossary")
            #expect(TemplateStrings.vi.label(kind) == entry.vi)
            #expect(TemplateStrings.en.label(kind) == entry.en)
            unknown.remove(kind.rawValue)
        }
        #expect(unknown.isEmpty, "the glossary labels codes Watchpost does not have: \(unknown)")
    }

    /// The vocabulary table (`Labels`) is where a page's, an alert's and a report's fixed words
    /// live: its Vietnamese column uses the glossary's words.
    @Test func everyVietnameseLabelOfTheVocabularyTableAvoidsTheRejectedTerms() throws {
        let glossary = try Glossary.load()
        var checked = 0
        for (section, labels) in Labels.table {
            for (key, label) in labels {
                let found = glossary.violations(in: label.vi)
                #expect(found.isEmpty, "\(section).\(key) \"\(label.vi)\": \(found)")
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test func everyDeadlineReasonAvoidsTheRejectedTermsAndSaysWhatIsAPolicyChoice() throws {
        let glossary = try Glossary.load()
        let (_, policy) = try F.shipped()
        let reasons = policy.rules.flatMap(\.obligations).map(\.reason)
        #expect(!reasons.isEmpty)
        for reason in reasons {
            for text in [reason.vi, reason.legalBasis] {
                #expect(glossary.violations(in: text).isEmpty, "\(glossary.violations(in: text))")
            }
            #expect(reason.vi.contains("do cơ quan quản lý quy định"), "no policy choice named: \(reason.vi)")
            #expect(reason.en.contains("policy choice"), "no policy choice named: \(reason.en)")
        }
    }

    /// The presentation target (alert texts, the report document and its charts), the status and
    /// audit reports, the pages, the API's answers, the access refusals and the sign-in and
    /// acknowledge messages hold their Vietnamese as literals: every non-comment line is read.
    @Test(arguments: [
        "Sources/watchpost/StatusReport.swift", "Sources/WatchpostAPI/Pages", "Sources/WatchpostAPI/Access",
        "Sources/WatchpostAPI/Identity", "Sources/WatchpostPresentation",
        "Sources/watchpost/AuditReport.swift", "Sources/WatchpostStore/Audit", "Sources/WatchpostPipeline/Reports",
        "Sources/WatchpostAPI/Server", "Sources/WatchpostAPI/Routes",
    ])
    func vietnameseStringsInTheSourcesAvoidTheRejectedTerms(path: String) throws {
        let glossary = try Glossary.load()
        let files = try Self.swiftFiles(at: Glossary.root.appendingPathComponent(path))
        #expect(!files.isEmpty, "no Swift file at \(path)")
        for file in files {
            let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
            for (number, line) in lines.enumerated()
            where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                let found = glossary.violations(in: line)
                #expect(found.isEmpty, "\(file.lastPathComponent):\(number + 1): \(found)")
            }
        }
    }

    @Test func overdueSMSAddressesTheOwnerByTitle() throws {
        var scenario = try TemplateScenario(F.report(.schoolViolence, severity: .high))
        let decision = try scenario.escalateOverdue(.acknowledge, at: F.monday(9))
        let alert = try decision.alert(.obligationMissed, to: F.head)
        var renderer = try F.renderer()
        renderer.smsMaxSegments = 6
        let sms = renderer.smsText(try scenario.context(alert, now: F.monday(9)))
        #expect(sms.contains("Đề nghị đồng chí Hiệu trưởng hoàn thành: Xác nhận đã nhận thông tin"), "\(sms)")
    }

    @Test(arguments: Severity.allCases)
    func severityInASubjectIsLowerCase(severity: Severity) throws {
        let scenario = try TemplateScenario(F.report(.schoolViolence, severity: severity))
        let alert = try #require(scenario.alerts.first { $0.recipient == F.head })
        let subject = try F.renderer().subject(try scenario.context(alert, now: F.t0))
        let word = TemplateStrings.vi.label(severity).lowercased()
        #expect(subject.hasSuffix(" — mức \(word)"), "\(subject)")
    }

    @Test func aPreschoolsStudentIsCalledAChildNotAStudent() throws {
        let (directory, _) = try F.shipped()
        let preschool = try #require(
            directory.units.first { $0.kind == .preschool && !directory.officers(.schoolHead, of: $0.id).isEmpty }
        )
        let head = try #require(directory.officers(.schoolHead, of: preschool.id).first)
        let report = Event(
            eventID: F.uuid(300),
            incidentID: F.uuid(1),
            occurredAt: F.t0,
            source: F.officer(F.monitor),
            unitID: preschool.id,
            payload: .reported(
                IncidentReported(
                    platform: .facebook,
                    urls: [F.contentURL],
                    category: .schoolViolence,
                    severity: .medium,
                    subjects: [.student, .teacher],
                    summary: "Clip quay cảnh xô xát trong lớp được chia sẻ",
                    dedupKey: DedupKey.normalise(url: F.contentURL)
                )
            )
        )
        let scenario = try TemplateScenario(report)
        let alert = try #require(scenario.alerts.first { $0.recipient == head.id })
        let body = try F.renderer().body(try scenario.context(alert, now: F.t0))
        #expect(body.contains("- Người liên quan: trẻ, giáo viên"), "\(body)")
        #expect(!body.contains("học sinh"), "\(body)")
    }

    /// Every alert the shipped policy sends for a critical `category` incident, through its
    /// escalations to the last level, and one alert to the head for every template.
    private static func contexts(_ category: IncidentCategory) throws -> [AlertContext] {
        var scenario = try TemplateScenario(F.report(category, severity: .critical))
        var contexts = try scenario.alerts.map { try scenario.context($0, now: F.t0) }
        // Each open obligation, earliest deadline first, up each level of its chain.
        for _ in 0..<(4 * Policy.maximumChainLevels) {
            let state = try #require(scenario.incident)
            let due = state.openObligations.compactMap { obligation in
                obligation.dueAt.flatMap { at in
                    DeadlineEnforcer.escalationEvent(
                        for: obligation,
                        incident: state,
                        policy: scenario.policy,
                        now: at.addingTimeInterval(60)
                    ).map { ($0, at.addingTimeInterval(60)) }
                }
            }
            guard let (event, now) = due.min(by: { $0.1 < $1.1 }) else { break }
            let decision = try scenario.apply(event, at: now)
            contexts += try decision.alerts.map { try scenario.context($0, now: now) }
        }
        let state = try #require(scenario.incident)
        let obligation = try #require(state.obligations.first)
        for template in AlertTemplate.allCases {
            let alert = Alert(
                id: F.uuid(950 + contexts.count),
                incidentID: state.id,
                eventID: nil,
                recipient: F.head,
                relation: .schoolHead,
                template: template,
                reason: "glossary",
                obligationID: [.obligationReminder, .obligationEscalated, .obligationMissed].contains(template)
                    ? obligation.id : nil,
                createdAt: F.minutes(600)
            )
            contexts.append(try scenario.context(alert, now: F.minutes(600)))
        }
        return contexts
    }

    private static func swiftFiles(at url: URL) throws -> [URL] {
        if url.pathExtension == "swift" { return [url] }
        // Every Swift file and page template in the folder and the folders under it.
        let names = try FileManager.default.subpathsOfDirectory(atPath: url.path)
        return names.filter { $0.hasSuffix(".swift") || $0.hasSuffix(".mustache") }.sorted()
            .map { url.appendingPathComponent($0) }
    }
}
