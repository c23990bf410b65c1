/// One thing wrong with an incoming event: where it is, what kind of problem, and why in plain English.
public struct EventProblem: Sendable, Hashable, CustomStringConvertible {
    /// The machine-readable kind of problem; raw values are stable and stored in `rejected_events`.
    public enum Code: String, Sendable, Hashable, CaseIterable, Codable {
        /// A required field is absent.
        case missing
        /// The field has the wrong JSON type (e.g. `"level": true`, `"schema_version": "1"`).
        case wrongType = "wrong_type"
        /// The value is not in the field's closed vocabulary (values are case-sensitive).
        case unknownValue = "unknown_value"
        /// The value is not a UUID in 8-4-4-4-12 hex form, or is the nil UUID.
        case invalidUUID = "invalid_uuid"
        /// The time is not RFC 3339 with an explicit offset, does not exist, or is too far in the future.
        case invalidTime = "invalid_time"
        /// The text is empty or only whitespace, or a list that must have items has none.
        case empty
        /// The text or list is longer than its limit.
        case tooLong = "too_long"
        /// The value is not an absolute http/https URL with a host.
        case invalidURL = "invalid_url"
        /// The `unit_id` is not in the directory.
        case unknownUnit = "unknown_unit"
        /// A field that envelope v1 does not define (often a typo such as `sumary`).
        case unknownField = "unknown_field"
        /// The same member name appears twice in one object.
        case duplicateField = "duplicate_field"
        /// The text contains a control character that the field does not allow (e.g. NUL).
        case forbiddenCharacter = "forbidden_character"
        /// A number is outside its allowed range (e.g. `level` below 1).
        case outOfRange = "out_of_range"
        /// The input is not valid UTF-8.
        case invalidUTF8 = "invalid_utf8"
        /// The input is not a JSON object.
        case notJSON = "not_json"
        /// The JSON nests deeper than any envelope can.
        case tooDeep = "too_deep"
        /// The input is larger than the decoder's size limit (64 KiB by default).
        case tooLarge = "too_large"
        /// `schema_version` is an integer this decoder does not understand.
        case unsupportedVersion = "unsupported_version"
        /// The event claims a sender it does not prove: no valid `watchpost-signature` (D18).
        case unauthenticated
        /// A report names the id of an incident that exists (the API's check; issue 26).
        case incidentExists = "incident_exists"
    }

    /// Where the problem is, e.g. `data.urls[2]` (indices from 0); empty for the input as a whole.
    public var path: String
    /// The kind of problem.
    public var code: Code
    /// What is wrong, in plain English, for the producer to fix.
    public var reason: String

    /// Creates a problem.
    public init(path: String, code: Code, reason: String) {
        self.path = path
        self.code = code
        self.reason = reason
    }

    /// `path: reason`, or `input: reason` for a problem with the input as a whole.
    public var description: String {
        "\(path.isEmpty ? "input" : path): \(reason)"
    }
}
