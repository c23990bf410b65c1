import WatchpostCore

/// A closed vocabulary of the domain whose values have a label in `Labels`, under their wire
/// spelling (`school_violence`), which never reaches a reader. Alerts, pages and reports all
/// name a value through here, so they name it alike.
public protocol Labelled: RawRepresentable where RawValue == String {
    /// The section of `Labels.table`.
    static var labelSection: String { get }
}

extension Labelled {
    /// The label in both languages.
    public var labels: Label { Labels.label(Self.labelSection, rawValue) }

    /// The label in `locale`.
    public func label(_ locale: DisplayLocale) -> String { labels(locale) }
}

extension IncidentCategory: Labelled {
    /// `category`.
    public static var labelSection: String { "category" }
}
extension Severity: Labelled {
    /// `severity`.
    public static var labelSection: String { "severity" }
}
extension Platform: Labelled {
    /// `platform`.
    public static var labelSection: String { "platform" }
}
extension ObligationKind: Labelled {
    /// `obligation`.
    public static var labelSection: String { "obligation" }
}
extension Relation: Labelled {
    /// `relation`.
    public static var labelSection: String { "relation" }
}
extension IncidentStatus: Labelled {
    /// `incidentStatus`.
    public static var labelSection: String { "incidentStatus" }
}
extension ObligationStatus: Labelled {
    /// `obligationStatus`.
    public static var labelSection: String { "obligationStatus" }
}
extension ActionKind: Labelled {
    /// `action`.
    public static var labelSection: String { "action" }
}
extension EventType: Labelled {
    /// `event`.
    public static var labelSection: String { "event" }
}

extension SubjectRole: Labelled {
    /// `subjectRole`.
    public static var labelSection: String { "subjectRole" }

    /// The label of a person of this role at a school of `schoolKind`, as a page's heading or
    /// list item writes it ("Học sinh"; a preschool's student is a child, "Trẻ").
    public func heading(_ locale: DisplayLocale, at schoolKind: UnitKind?) -> String {
        let word = TemplateStrings.for(locale).label(self, at: schoolKind)
        return word.prefix(1).uppercased() + word.dropFirst()
    }
}

/// Sentences more than one page shows.
public enum PageSentences {
    /// Under an escalated obligation: "Đã báo cáo cấp trên chỉ đạo (lần 2)".
    public static func escalated(_ level: Int, _ locale: DisplayLocale) -> String {
        locale.text("Đã báo cáo cấp trên chỉ đạo (lần \(level))", "Escalated for direction (level \(level))")
    }
}
