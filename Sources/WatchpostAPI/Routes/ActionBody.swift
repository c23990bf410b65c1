import Foundation
import WatchpostCore

/// The JSON body of an action route, read strictly: only the route's fields, each of the right
/// JSON type; every problem is collected and answered at once (400).
struct ActionBody {
    private var object: [String: BodyValue] = [:]
    private(set) var problems: [EventProblem] = []

    /// Parses `bytes` (an empty body counts as `{}`), allowing `fields` plus, for an event,
    /// `event_id` and `occurred_at`.
    init(_ bytes: [UInt8], fields: [String], event: Bool = true) {
        guard !bytes.isEmpty else { return }
        guard let object = try? JSONDecoder().decode([String: BodyValue].self, from: Data(bytes)) else {
            problems.append(EventProblem(path: "", code: .notJSON, reason: "is not a JSON object"))
            return
        }
        self.object = object
        let allowed = fields + (event ? ["event_id", "occurred_at"] : [])
        for key in object.keys.sorted() where !allowed.contains(key) {
            problems.append(
                EventProblem(
                    path: FieldPath.member(key, of: ""),
                    code: .unknownField,
                    reason: "is not a field of this action; use \(allowed.joined(separator: ", "))"
                )
            )
        }
        for key in JSONRepeatedKeys.inObject(bytes) {
            problems.append(
                EventProblem(
                    path: FieldPath.member(key, of: ""),
                    code: .duplicateField,
                    reason: "appears more than once"
                )
            )
        }
    }

    /// The text field `name`; a problem when it is present with another type, or absent and required.
    mutating func text(_ name: String, required: Bool = false) -> String? {
        guard let value = object[name] else {
            if required { problems.append(EventProblem(path: name, code: .missing, reason: "is required")) }
            return nil
        }
        guard case .string(let text) = value else {
            problems.append(EventProblem(path: name, code: .wrongType, reason: "must be a string"))
            return nil
        }
        return text
    }

    /// The integer field `name`, if present.
    mutating func integer(_ name: String) -> Int? {
        guard let value = object[name] else { return nil }
        guard case .integer(let integer) = value else {
            problems.append(EventProblem(path: name, code: .wrongType, reason: "must be an integer"))
            return nil
        }
        return integer
    }

    /// The client's `event_id` and `occurred_at` for an idempotent retry: both or neither, since
    /// a retry must be the same event.
    mutating func retryIdentity() -> (eventID: UUID?, occurredAt: Date?) {
        var eventID: UUID?
        var occurredAt: Date?
        if let text = text("event_id") {
            eventID = UUID(strictString: text)
            if eventID == nil {
                problems.append(
                    EventProblem(path: "event_id", code: .invalidUUID, reason: "is not a UUID (8-4-4-4-12 hex)")
                )
            }
        }
        if let text = text("occurred_at") {
            switch RFC3339.parse(text) {
            case .success(let date): occurredAt = date
            case .failure(let error):
                problems.append(EventProblem(path: "occurred_at", code: .invalidTime, reason: error.reason))
            }
        }
        if object["event_id"] != nil, object["occurred_at"] == nil {
            problems.append(
                EventProblem(
                    path: "occurred_at",
                    code: .missing,
                    reason: "is required with event_id, so that a retry is the same event"
                )
            )
        }
        return (eventID, occurredAt)
    }

    /// Adds a problem found by the caller's own checks.
    mutating func add(_ problem: EventProblem) { problems.append(problem) }

    /// Throws 400 listing every problem, if there is any.
    func check() throws(APIError) {
        guard !problems.isEmpty else { return }
        throw error
    }

    /// The 400 listing every problem.
    var error: APIError {
        APIError(
            .badRequest,
            code: .invalidBody,
            message: "the body is not valid: " + problems.map(\.description).joined(separator: "; "),
            vi: "Nội dung gửi lên không hợp lệ; xem danh sách lỗi theo từng trường.",
            problems: problems
        )
    }
}

/// One member value of an action body, as far as type checks need it.
private enum BodyValue: Decodable {
    case string(String)
    case integer(Int)
    case other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if (try? container.decode(Bool.self)) != nil {
            self = .other
        } else if let integer = try? container.decode(Int.self) {
            self = .integer(integer)
        } else {
            self = .other
        }
    }
}
