/// The size limits of envelope v1. Text lengths count Unicode scalars (JSON Schema's
/// `maxLength` unit) after NFC normalisation and trimming.
public enum EventLimits {
    /// How long before the API receives it an event's `occurred_at` may lie: 7 days. Past that a
    /// client would be backdating the timeline (issue 26); the workers take no such bound, since
    /// an event may wait in Kafka through an outage.
    public static let maximumAgeAtIntake: Duration = .seconds(7 * 86_400)
    /// The largest accepted input, checked before parsing: 64 KiB.
    public static let maximumInputBytes = 65_536
    /// `data.summary`.
    public static let summary = 2_000
    /// Every `note`.
    public static let note = 2_000
    /// `data.reason` of `incident.reopened`.
    public static let reopenReason = 500
    /// Each URL.
    public static let url = 2_048
    /// `source.id`.
    public static let sourceID = 128
    /// `unit_id`.
    public static let unitID = 128
    /// `data.dedup_key`.
    public static let dedupKey = DedupKey.maximumLength
    /// The URL lists `data.urls` and `data.added_urls`.
    public static let urlsPerEvent = 10
    /// The role lists `data.subjects` and `data.added_subjects`.
    public static let subjectsPerEvent = 50
}
