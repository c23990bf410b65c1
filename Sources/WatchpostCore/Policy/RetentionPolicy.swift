import Foundation

/// How long the policy keeps personal data once its purpose is served (Personal Data Protection
/// Law 91/2025/QH15): `retention` in `routing.yaml`.
public struct RetentionPolicy: Sendable, Hashable {
    /// The shortest period the policy accepts: a resolved incident may still be reopened, and
    /// its details are needed then.
    public static let shortestPeriodDays = 30

    /// How long after a closed incident involving a student was resolved its free text, URLs,
    /// evidence text and raw event payloads are kept.
    public var studentIncidentDetails: RetentionPeriod
    /// The same for a closed incident involving no student (teachers, staff, managers);
    /// `nil`: those are kept. Monitoring social networks is sensitive data under Decree
    /// 356/2025/NĐ-CP whoever is involved, so the shipped policy sets it (issue 28).
    public var otherIncidentDetails: RetentionPeriod?
    /// Why, in Vietnamese and English, with the legal basis.
    public var reason: DeadlineReason
    /// The reason's id under `reasons`.
    public var reasonID: String

    /// Creates a retention policy.
    public init(
        studentIncidentDetails: RetentionPeriod,
        otherIncidentDetails: RetentionPeriod? = nil,
        reason: DeadlineReason,
        reasonID: String
    ) {
        self.studentIncidentDetails = studentIncidentDetails
        self.otherIncidentDetails = otherIncidentDetails
        self.reason = reason
        self.reasonID = reasonID
    }
}

/// A retention period in calendar units: `90d`, `6mo`, `1y`.
public struct RetentionPeriod: Sendable, Hashable, CustomStringConvertible {
    /// A calendar unit.
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        case days = "d"
        case months = "mo"
        case years = "y"
    }

    /// How many units; positive for any period the policy accepts.
    public var count: Int
    /// Which unit.
    public var unit: Unit

    /// Creates a period.
    public init(count: Int, unit: Unit) {
        self.count = count
        self.unit = unit
    }

    /// Parses `90d`, `6mo` or `1y` (digits, then one unit); `nil` if the text is not one.
    /// Zero is returned as zero; the policy parser refuses it.
    public static func parse(_ text: String) -> RetentionPeriod? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 5, let count = Int(digits),
            let unit = Unit(rawValue: String(trimmed.dropFirst(digits.count)))
        else { return nil }
        return RetentionPeriod(count: count, unit: unit)
    }

    /// The period as written in the policy, e.g. `1y`.
    public var description: String { "\(count)\(unit.rawValue)" }

    /// The fewest days the period can last (a month counts 28 days, a year 365).
    public var shortestDays: Int {
        switch unit {
        case .days: count
        case .months: count * 28
        case .years: count * 365
        }
    }

    /// The instant `now` minus the period, counted in calendar days, months or years in Vietnam
    /// time (`LocalTime.timeZone`): data whose purpose ended before it has been kept long enough.
    public func cutoff(at now: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = LocalTime.timeZone
        var back = DateComponents()
        switch unit {
        case .days: back.day = -count
        case .months: back.month = -count
        case .years: back.year = -count
        }
        return calendar.date(byAdding: back, to: now) ?? now
    }
}
