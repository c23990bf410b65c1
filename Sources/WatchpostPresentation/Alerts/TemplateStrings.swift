import WatchpostCore
import WatchpostNotify

/// Every word a rendered alert uses, for one locale: labels of the vocabularies and the
/// sentences of the message. One table per locale (`vi`, `en`), so wording is changed in one
/// place and a translation is checked side by side.
public struct TemplateStrings: Sendable {
    /// The locale of this table.
    public let locale: DisplayLocale

    // Subject line.
    let subjectTag: [AlertTemplate: String]
    let severityWord: @Sendable (String) -> String

    // Body.
    /// "Kính gửi: Đồng chí <name>, <title>." (the title is the post, `Directory.title(of:locale:)`).
    let greeting: @Sendable (_ name: String, _ title: String) -> String
    /// An officer named in a line: "đồng chí <name>, <title>".
    let person: @Sendable (_ name: String, _ title: String) -> String
    let intro: @Sendable (AlertTemplate, IntroFacts) -> String
    let factsHeading: String
    let categoryLabel: String
    let severityLabel: String
    let platformLabel: String
    let subjectsLabel: String
    let noSubjects: String
    let summaryLabel: String
    /// Stands in for the summary of a report by a tool the policy does not trust: the facts
    /// Watchpost checked, in words (`platform` is `nil` for "another platform").
    let toolReportLine:
        @Sendable (_ category: String, _ severity: String, _ platform: String?, _ school: String) -> String
    /// Replaces a link in a summary (D14: messages carry no links to the content).
    let linkHidden: String
    let schoolLabel: String
    let authorityLabel: String
    let openedLabel: String
    let statusLabel: String
    let reportsLabel: String
    let todo: @Sendable (_ kind: String, _ due: String) -> String
    let todoOverdue: @Sendable (_ kind: String, _ nextLevelAt: String?) -> String
    let todoNoDeadline: @Sendable (_ kind: String) -> String
    let reasonLabel: String
    let legalBasisLabel: String
    let nothingOwed: String
    let dueSoonHeading: String
    let missedHeading: String
    let closedHeading: String
    let obligationLabel: String
    let deadlineLabel: String
    /// A deadline after its label: "chậm nhất 16 giờ 30 ngày 04/12/2026".
    let byTime: @Sendable (_ time: String) -> String
    let missedDeadlineLabel: String
    let ownerLabel: String
    let nobody: String
    /// Asks a supervisor to direct the owner (named by relation) to complete the obligation.
    let direct: @Sendable (_ owner: String, _ nextLevelAt: String?) -> String
    let schoolOpenHeading: String
    let overdueMark: String
    let alsoToldHeading: String
    let acknowledge: @Sendable (_ url: String, _ validUntil: String) -> String
    let footer: @Sendable (_ incidentID: String) -> String

    // SMS.
    let smsTag: [AlertTemplate: String]
    let smsHeadline: @Sendable (_ tag: String, _ category: String, _ severity: String, _ school: String) -> String
    let smsObligation: @Sendable (_ kind: String, _ due: String) -> String
    let smsTodo: @Sendable (_ kind: String, _ when: String, _ more: Int) -> String
    let smsBy: @Sendable (_ due: String) -> String
    let smsOverdue: String
    /// For the owner of a missed obligation: asks them, by title, to complete it.
    let smsMissed: @Sendable (_ title: String, _ kind: String, _ due: String) -> String
    let smsAcknowledge: String
    /// Before the link when text answers are read: "trả lời 1 482913, hoặc mở".
    let smsReplyOr: @Sendable (_ key: String, _ code: String) -> String

    // Grouped message (D58): several alerts to one officer in one message.
    /// The subject after "[Watchpost] ": how many alerts about how many incidents.
    let groupedSubject: @Sendable (_ alerts: Int, _ incidents: Int) -> String
    /// Why the alerts come together, since when.
    let groupedIntro: @Sendable (_ alerts: Int, _ incidents: Int, _ since: String) -> String
    /// The label before an incident's id in a grouped message.
    let incidentIDLabel: String
    /// The footer of a grouped message (no single incident id).
    let groupedFooter: String
    /// An SMS's opening for `alerts` alerts.
    let smsGroupedHeadline: @Sendable (_ alerts: Int) -> String
    /// The incidents an SMS had no room for: "và 3 sự việc khác".
    let smsMoreIncidents: @Sendable (_ count: Int) -> String
    /// Before the link to the officer's page in a grouped SMS.
    let smsSeeAll: String

    /// The table for `locale`.
    public static func `for`(_ locale: DisplayLocale) -> TemplateStrings {
        switch locale {
        case .vi: vi
        case .en: en
        }
    }

    /// The words for a category, e.g. "Bạo lực học đường".
    public func label(_ category: IncidentCategory) -> String { word("category", category.rawValue) }
    /// The words for a severity, e.g. "Nghiêm trọng".
    public func label(_ severity: Severity) -> String { word("severity", severity.rawValue) }
    /// The name of a platform.
    public func label(_ platform: Platform) -> String { word("platform", platform.rawValue) }
    /// The words for a role of a person involved, e.g. "học sinh"; never a name.
    public func label(_ role: SubjectRole) -> String { word("subjectRole", role.rawValue) }
    /// The words for a role of a person involved in an incident at a school of `schoolKind`:
    /// a preschool's student is a child ("trẻ"), not "học sinh".
    public func label(_ role: SubjectRole, at schoolKind: UnitKind?) -> String {
        role == .student && schoolKind == .preschool ? word("subjectRole", "preschool_student") : label(role)
    }
    /// The words for an obligation, e.g. "Gỡ bỏ nội dung".
    public func label(_ kind: ObligationKind) -> String { word("obligation", kind.rawValue) }
    /// The words for a relation to the school, e.g. "Hiệu trưởng".
    public func label(_ relation: Relation) -> String { word("relation", relation.rawValue) }
    /// How a message addresses someone holding `relation`, e.g. "Đồng chí Hiệu trưởng".
    public func title(_ relation: Relation) -> String {
        (Labels.table["title"]?[relation.rawValue] ?? Labels.label("title", "default"))(locale)
    }
    /// The words for an incident status.
    public func label(_ status: IncidentStatus) -> String { word("incidentStatus", status.rawValue) }

    private func word(_ section: String, _ key: String) -> String { Labels.label(section, key)(locale) }
}

/// The facts an opening sentence may mention.
struct IntroFacts: Sendable {
    var school: String
    var level: Int
    var resolvedAt: String?
    var openedAt: String
    var reportCount: Int
    /// The incident it is merged into, for `incident.merged`.
    var mergedInto: String? = nil
}
