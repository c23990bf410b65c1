/// The closed vocabularies of event envelope v1 (see `docs/events.md`).
///
/// Raw values are the wire spelling; they never change within a schema version.

/// A social network on which the reported content appeared.
public enum Platform: String, CaseIterable, Sendable, Codable, Hashable {
    case facebook, zalo, tiktok, instagram, youtube, other
}

/// What kind of content or situation a monitoring officer reports.
public enum IncidentCategory: String, CaseIterable, Sendable, Codable, Hashable {
    case unverifiedInformation = "unverified_information"
    case falseInformation = "false_information"
    case sensitiveContent = "sensitive_content"
    case incitementSocialEvils = "incitement_social_evils"
    case schoolViolence = "school_violence"
    case lawViolationSigns = "law_violation_signs"
    case childAtRisk = "child_at_risk"
    case other
}

/// How serious the reporting officer judges the incident; ordered from low to critical.
public enum Severity: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
    case low, medium, high, critical

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// Orders by seriousness: `low < medium < high < critical`.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The role of a person involved. Watchpost records roles only, never names (Law 91/2025/QH15, Article 24).
public enum SubjectRole: String, CaseIterable, Sendable, Codable, Hashable {
    case student, teacher, staff, manager
}

/// An action taken on an incident, recorded by the person responsible.
public enum ActionKind: String, CaseIterable, Sendable, Codable, Hashable {
    case contentRemoved = "content_removed"
    case correctionPublished = "correction_published"
    case policeNotified = "police_notified"
    case parentsInformed = "parents_informed"
    case disciplinaryReview = "disciplinary_review"
    /// The school reported to its supervising authority (đã báo cáo cơ quan quản lý).
    case authorityReported = "authority_reported"
    /// The school asked for content it cannot remove itself (a post in a parents' group) to be
    /// taken down, from the platform or through the competent authority (Decree 147/2024: the
    /// platform's 24 hours run from a competent authority's request).
    case takedownRequested = "takedown_requested"
    case other
}

/// Why an incident was escalated.
public enum EscalationReason: String, CaseIterable, Sendable, Codable, Hashable {
    case deadlineMissed = "deadline_missed"
    case manual
    case severityRaised = "severity_raised"
}

/// What produced an event: a person (by directory officer id), an outside tool, or Watchpost itself.
public enum SourceKind: String, CaseIterable, Sendable, Codable, Hashable {
    case officer, tool, system
}
