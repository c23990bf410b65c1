import Foundation
import Testing

@testable import WatchpostCore

/// One situation from the dispatch and what the shipped policy must do with it.
struct DispatchScenario: Sendable, CustomTestStringConvertible {
    let name: String
    let category: IncidentCategory
    let severity: Severity
    let platform: Platform
    let subjects: [SubjectRole]
    let alerted: Set<Relation>
    /// Obligation kind → minutes until due, owed by the school's head.
    let obligations: [ObligationKind: Double]
    /// Minutes until the authority desk's acknowledgement of receipt is due, when it owes one.
    var deskReceipt: Double? = nil

    var testDescription: String { name }

    /// The head's acknowledgement runs on working time (2 h) and the report comes at 14:30 on
    /// Sunday (`Fixture.t0`): due Monday 09:00, 18 h 30 min later.
    static let headWorking2h: Double = 18 * 60 + 30
    /// The desk's receipt runs on working time too (4 h): due Monday 11:00.
    static let deskWorking4h: Double = 20 * 60 + 30
}

@Suite struct DispatchScenarioTests {
    static let scenarios: [DispatchScenario] = [
        DispatchScenario(
            name: "a student shares a violent video on TikTok",
            category: .schoolViolence,
            severity: .high,
            platform: .tiktok,
            subjects: [.student],
            alerted: [.schoolHead, .authorityDesk, .schoolDeputy, .communePoliceLiaison],
            obligations: [
                .acknowledge: DispatchScenario.headWorking2h, .takeDown: 1_440, .reportToAuthority: 1_440,
                .notifyPolice: 120,
            ],
            deskReceipt: DispatchScenario.deskWorking4h
        ),
        DispatchScenario(
            name: "incitement into social evils at high severity reaches the commune police",
            category: .incitementSocialEvils,
            severity: .high,
            platform: .facebook,
            subjects: [.student],
            alerted: [.schoolHead, .authorityDesk, .schoolDeputy, .communePoliceLiaison],
            obligations: [
                .acknowledge: DispatchScenario.headWorking2h, .takeDown: 1_440, .reportToAuthority: 1_440,
                .notifyPolice: 120,
            ],
            deskReceipt: DispatchScenario.deskWorking4h
        ),
        DispatchScenario(
            name: "incitement into social evils at medium severity stays with the school and the authority",
            category: .incitementSocialEvils,
            severity: .medium,
            platform: .zalo,
            subjects: [.student],
            alerted: [.schoolHead, .authorityDesk, .schoolDeputy],
            obligations: [.acknowledge: DispatchScenario.headWorking2h, .takeDown: 1_440, .reportToAuthority: 1_440],
            deskReceipt: DispatchScenario.deskWorking4h
        ),
        DispatchScenario(
            name: "a teacher shares unverified news on Facebook",
            category: .unverifiedInformation,
            severity: .medium,
            platform: .facebook,
            subjects: [.teacher],
            alerted: [.schoolHead, .authorityDesk],
            obligations: [
                .acknowledge: DispatchScenario.headWorking2h, .takeDown: 1_440, .publishCorrection: 1_440,
                .reportToAuthority: 1_440,
            ],
            deskReceipt: DispatchScenario.deskWorking4h
        ),
        DispatchScenario(
            name: "signs of a violation of law",
            category: .lawViolationSigns,
            severity: .high,
            platform: .facebook,
            subjects: [.student],
            alerted: [.schoolHead, .authorityDesk, .communePoliceLiaison, .schoolDeputy],
            // Duty 4 pairs the takedown with a correction ("đồng thời… đính chính").
            obligations: [
                .acknowledge: DispatchScenario.headWorking2h, .notifyPolice: 120, .takeDown: 1_440,
                .publishCorrection: 1_440,
            ]
        ),
        DispatchScenario(
            name: "a child at risk",
            category: .childAtRisk,
            severity: .high,
            platform: .zalo,
            subjects: [.student],
            alerted: [
                .schoolHead, .authorityDesk, .schoolDeputy, .communePoliceLiaison, .communePeoplesCommittee,
                .authorityLeadership,
            ],
            obligations: [.acknowledge: 30, .notifyPolice: 60, .reportToAuthority: 60],
            deskReceipt: 60
        ),
        DispatchScenario(
            name: "anything critical",
            category: .other,
            severity: .critical,
            platform: .instagram,
            subjects: [],
            alerted: [
                .schoolHead, .authorityDesk, .schoolDeputy, .communePoliceLiaison, .communePeoplesCommittee,
                .authorityLeadership,
            ],
            obligations: [.acknowledge: 30, .notifyPolice: 60]
        ),
    ]

    @Test(arguments: scenarios)
    func reportRoutesAsTheDispatchRequires(_ scenario: DispatchScenario) throws {
        let (directory, policy) = try Fixture.shipped()
        var run = Run(directory, policy)
        let decision = run.apply(
            Fixture.report(
                category: scenario.category,
                severity: scenario.severity,
                platform: scenario.platform,
                subjects: scenario.subjects
            )
        )
        #expect(decision.outcome == .applied)
        #expect(Set(decision.alerts.map(\.relation)) == scenario.alerted)
        #expect(decision.alerts.allSatisfy { $0.template == .incidentNew })
        #expect(Set(decision.alerts.map(\.recipient)).count == decision.alerts.count, "one alert per officer")
        #expect(decision.deliveries.map(\.alertID) == decision.alerts.map(\.id))
        // The shipped policy calls the head about a child at risk out of working hours (t0 is a
        // Sunday) before any message; everyone else is reached on their own channels.
        for delivery in decision.deliveries {
            let officer = try #require(directory.officer(delivery.recipient))
            let alert = try #require(decision.alerts.first { $0.id == delivery.alertID })
            let called = scenario.category == .childAtRisk && alert.relation == .schoolHead
            #expect(delivery.channels == (called ? officer.voiceChannels : []) + officer.channels)
            #expect(called == (delivery.channels.first?.kind == .voice))
        }
        let opened = Dictionary(uniqueKeysWithValues: decision.obligationsOpened.map { ($0.kind, $0) })
        var expected = scenario.obligations.mapValues { (minutes: $0, owner: "ht-thcs-binh-son") }
        if let minutes = scenario.deskReceipt { expected[.acknowledgeReceipt] = (minutes, "cv-vhxh-binh-son") }
        #expect(Set(opened.keys) == Set(expected.keys))
        for (kind, (minutes, owner)) in expected {
            let obligation = try #require(opened[kind])
            #expect(obligation.dueAt == Fixture.minutes(minutes), "\(kind)")
            #expect(obligation.ownerOfficerID == owner, "\(kind)")
            #expect(
                !obligation.reason.legalBasis.isEmpty && !obligation.reason.vi.isEmpty && !obligation.reason.en.isEmpty
            )
            #expect(obligation.remindersAt.allSatisfy { $0 > Fixture.t0 && $0 < Fixture.minutes(minutes) })
        }
        #expect(decision.incident?.status == .reported)
    }

    @Test func takedownDeadlineCitesDecree147() throws {
        let (directory, policy) = try Fixture.shipped()
        var run = Run(directory, policy)
        run.apply(Fixture.report(category: .falseInformation))
        let takeDown = try #require(run.obligation(.takeDown))
        #expect(takeDown.reason.legalBasis.contains("147/2024/NĐ-CP"))
        #expect(takeDown.dueAt == Fixture.minutes(24 * 60))
    }

    @Test func childAtRiskCitesTheLawOnChildren() throws {
        let (directory, policy) = try Fixture.shipped()
        var run = Run(directory, policy)
        run.apply(Fixture.report(category: .childAtRisk))
        let notify = try #require(run.obligation(.notifyPolice))
        #expect(notify.reason.legalBasis.contains("Luật Trẻ em số 102/2016/QH13"))
        #expect(notify.reason.legalBasis.contains("56/2017"))
    }

    @Test func publishedCorrectionMeetsTheCorrectionObligation() throws {
        let (directory, policy) = try Fixture.shipped()
        var run = Run(directory, policy)
        run.apply(Fixture.report(category: .unverifiedInformation, subjects: [.teacher]))
        let action = Fixture.event(
            .actionRecorded(
                ActionRecorded(
                    action: .correctionPublished,
                    evidenceURL: "https://www.facebook.com/thcsbinhson/posts/1"
                )
            ),
            by: Fixture.officer("ht-thcs-binh-son"),
            id: 200
        )
        let decision = run.apply(action, at: Fixture.minutes(90))
        #expect(decision.outcome == .applied)
        #expect(Set(decision.obligationsMet.map(\.kind)) == [.publishCorrection, .acknowledge])
        #expect(run.obligation(.publishCorrection)?.status == .met)
        #expect(run.obligation(.publishCorrection)?.closedByEventID == Fixture.uuid(200))
        #expect(run.obligation(.takeDown)?.status == .open)
        #expect(run.incident?.status == .mitigating)
        #expect(run.incident?.acknowledgedAt == Fixture.minutes(90))
    }

    /// The head must "chủ động trao đổi" with the police: the police acknowledging Watchpost's
    /// alert, or recording the action themselves, does not do it for the head.
    @Test func onlyTheHeadOrADeputyRecordingPoliceNotifiedMeetsNotifyPolice() throws {
        let (directory, policy) = try Fixture.shipped()
        var run = Run(directory, policy)
        run.apply(Fixture.report(category: .lawViolationSigns))
        let police = Fixture.officer("ca-xa-binh-son-anm")
        let acknowledged = run.apply(
            Fixture.event(.acknowledged(IncidentAcknowledged()), by: police, id: 201),
            at: Fixture.minutes(10)
        )
        #expect(acknowledged.outcome == .applied)
        #expect(acknowledged.obligationsMet.isEmpty)
        let byPolice = run.apply(
            Fixture.event(.actionRecorded(ActionRecorded(action: .policeNotified)), by: police, id: 202),
            at: Fixture.minutes(15)
        )
        #expect(byPolice.obligationsMet.isEmpty)
        #expect(run.obligation(.notifyPolice)?.status == .open)
        let byDeputy = run.apply(
            Fixture.event(
                .actionRecorded(ActionRecorded(action: .policeNotified)),
                by: Fixture.officer("pht-thcs-binh-son"),
                id: 203
            ),
            at: Fixture.minutes(20)
        )
        #expect(Set(byDeputy.obligationsMet.map(\.kind)) == [.notifyPolice, .acknowledge])
        #expect(run.obligation(.notifyPolice)?.metBy == "pht-thcs-binh-son")
    }

    @Test func schoolRecordingItsReportMeetsReportToAuthorityButNotTheDesksReceipt() throws {
        let (directory, policy) = try Fixture.shipped()
        var run = Run(directory, policy)
        run.apply(Fixture.report(category: .schoolViolence, severity: .medium))
        let reported = Fixture.event(
            .actionRecorded(ActionRecorded(action: .authorityReported, note: "Đã gửi báo cáo qua hệ thống văn bản")),
            by: Fixture.officer("ht-thcs-binh-son"),
            id: 202
        )
        let decision = run.apply(reported, at: Fixture.minutes(45))
        #expect(Set(decision.obligationsMet.map(\.kind)) == [.reportToAuthority, .acknowledge])
        #expect(run.obligation(.acknowledgeReceipt)?.status == .open, "the school cannot acknowledge for the desk")
    }

    @Test func deskAcknowledgingMeetsItsReceiptAndTheSchoolsReport() throws {
        let (directory, policy) = try Fixture.shipped()
        var run = Run(directory, policy)
        run.apply(Fixture.report(category: .childAtRisk, severity: .high))
        let decision = run.apply(
            Fixture.event(.acknowledged(IncidentAcknowledged()), by: Fixture.officer("cv-vhxh-binh-son"), id: 203),
            at: Fixture.minutes(20)
        )
        #expect(Set(decision.obligationsMet.map(\.kind)) == [.acknowledgeReceipt, .reportToAuthority])
        #expect(run.obligation(.acknowledge)?.status == .open, "the desk cannot acknowledge for the head")
    }

    @Test func theDeskOwesItsAcknowledgementOfReceiptItself() throws {
        let (directory, policy) = try Fixture.shipped()
        var run = Run(directory, policy)
        let decision = run.apply(Fixture.report(category: .incitementSocialEvils, severity: .high))
        let receipt = try #require(run.obligation(.acknowledgeReceipt))
        #expect(receipt.ownerRelation == .authorityDesk)
        #expect(receipt.chain == "missed-deadline")
        #expect(receipt.reasonID == "desk-receipt")
        let toDesk = decision.alerts.filter { $0.recipient == "cv-vhxh-binh-son" }
        #expect(toDesk.count == 1, "one alert per officer")
        #expect(
            run.incident?.openObligations.filter { $0.ownerOfficerID == "cv-vhxh-binh-son" }.map(\.kind) == [
                .acknowledgeReceipt
            ]
        )
    }
}
