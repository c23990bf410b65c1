/// The language an officer reads alerts in. Vietnamese is the default.
public enum DisplayLocale: String, CaseIterable, Sendable, Codable, Hashable {
    /// Vietnamese (`vi`), the default for every officer.
    case vi
    /// English (`en`).
    case en
}
