import Foundation

/// Turns the bytes of one Kafka message into a validated `Event`, or into an `EventRejection`
/// that lists every problem with its field path.
///
/// Decoding is strict: unknown fields, wrong JSON types and unknown vocabulary values are
/// rejected, never defaulted, so a producer's typo (`"sumary"`) cannot pass silently. Text is
/// NFC-normalised and trimmed. The decoder returns a `Result` rather than throwing because a
/// rejection is an ordinary outcome (it goes to the dead-letter topic), not a failure of the caller.
/// It never traps on any input.
public struct EventDecoder: Sendable {
    /// Says whether a `unit_id` names a unit of the directory; an unknown unit is rejected.
    public var knownUnit: @Sendable (UnitID) -> Bool

    /// How far past `now` an `occurred_at` may lie (clock skew of producers). Default: 24 hours.
    public var futureTolerance: Duration = .seconds(86_400)

    /// How far before `now` an `occurred_at` may lie; nil (the default, the workers'): no bound.
    /// The API sets `EventLimits.maximumAgeAtIntake`.
    public var pastTolerance: Duration?

    /// The largest accepted input in bytes, checked before parsing. Default: 64 KiB.
    public var maximumInputBytes = EventLimits.maximumInputBytes

    /// Creates a decoder that checks `unit_id` with `knownUnit`.
    public init(knownUnit: @escaping @Sendable (UnitID) -> Bool) {
        self.knownUnit = knownUnit
    }

    /// Decodes and validates one envelope v1.
    ///
    /// - Parameters:
    ///   - bytes: The message value, UTF-8 JSON.
    ///   - now: When the message was received. If given, an `occurred_at` more than
    ///     `futureTolerance` later is rejected; pass nil when replaying old input.
    public func decode(_ bytes: some Collection<UInt8>, now: Date? = nil) -> Result<Event, EventRejection> {
        guard bytes.count <= maximumInputBytes else {
            return .failure(
                EventRejection(
                    path: "",
                    code: .tooLarge,
                    reason: "is \(bytes.count) bytes; the limit is \(maximumInputBytes)"
                )
            )
        }
        let input = Array(bytes)
        guard String(validating: input, as: UTF8.self) != nil else {
            return .failure(EventRejection(path: "", code: .invalidUTF8, reason: "is not valid UTF-8"))
        }
        if input.starts(with: [0xEF, 0xBB, 0xBF]) {
            return .failure(
                EventRejection(
                    path: "",
                    code: .notJSON,
                    reason: "starts with a byte-order mark; send UTF-8 JSON without one"
                )
            )
        }
        let root: JSONValue
        switch JSONParser.parse(input) {
        case let .success(value): root = value
        case let .failure(error):
            return .failure(
                EventRejection(
                    path: "",
                    code: error.tooDeep ? .tooDeep : .notJSON,
                    reason: "is not valid JSON: \(error.message)"
                )
            )
        }
        guard case .object = root else {
            return .failure(
                EventRejection(path: "", code: .notJSON, reason: "must be a JSON object, not \(root.kindDescription)")
            )
        }
        var log = ProblemLog()
        let event = decodeEnvelope(root, now: now, log: &log)
        if let event, log.isEmpty { return .success(event) }
        return .failure(EventRejection(problems: log.problems))
    }

    private static let envelopeFields = [
        "schema_version", "event_id", "type", "incident_id", "occurred_at", "source", "unit_id", "data",
    ]

    private func decodeEnvelope(_ root: JSONValue, now: Date?, log: inout ProblemLog) -> Event? {
        guard var fields = ObjectFields(root, path: "", log: &log) else { return nil }
        if let value = fields.take("schema_version", required: true, log: &log),
            let version = FieldRules.integer(value, "schema_version", &log), version != 1
        {
            // Other versions have other fields: checking them against v1 would only add noise.
            return reject(
                &log,
                "schema_version",
                .unsupportedVersion,
                "version \(version) is not supported; this decoder reads version 1"
            )
        }
        let eventID = fields.read("event_id", log: &log, FieldRules.uuid)
        let type = fields.read("type", log: &log, FieldRules.word(EventType.self))
        let incidentID = fields.read("incident_id", log: &log, FieldRules.uuid)
        let occurredAt = fields.read("occurred_at", log: &log) { value, _, log in time(value, now: now, &log) }
        let source = fields.read("source", log: &log) { value, _, log in decodeSource(value, &log) }
        let unitID = fields.read("unit_id", log: &log) { value, _, log in unit(value, &log) }
        let payload = fields.read("data", log: &log) { value, path, log -> EventPayload? in
            guard var data = ObjectFields(value, path: path, log: &log) else { return nil }
            // Without a known type the members of data cannot be judged; the type problem is reported.
            guard let type else { return nil }
            return PayloadDecoding.decode(type, &data, &log)
        }
        fields.reportUnknownFields(log: &log, allowed: Self.envelopeFields)
        guard let eventID, let incidentID, let occurredAt, let source, let unitID, let payload else { return nil }
        return Event(
            eventID: eventID,
            incidentID: incidentID,
            occurredAt: occurredAt,
            source: source,
            unitID: unitID,
            payload: payload
        )
    }

    private func reject(_ log: inout ProblemLog, _ path: String, _ code: EventProblem.Code, _ reason: String) -> Event?
    {
        log.add(path, code, reason)
        return nil
    }

    private func time(_ value: JSONValue, now: Date?, _ log: inout ProblemLog) -> Date? {
        guard let text = FieldRules.string(value, "occurred_at", &log) else { return nil }
        switch RFC3339.parse(text) {
        case let .failure(error):
            log.add("occurred_at", .invalidTime, "\(FieldPath.quoted(text)) \(error.reason)")
            return nil
        case let .success(date):
            return checkTime(date, text: text, now: now, &log) ? date : nil
        }
    }

    /// Whether `date` (written `text`) lies within `futureTolerance` after and `pastTolerance`
    /// before `now`; logs the problem when not.
    func checkTime(_ date: Date, text: String, now: Date?, _ log: inout ProblemLog) -> Bool {
        let tolerance = DeadlineDuration.seconds(futureTolerance)
        if let now, date.timeIntervalSince(now) > tolerance {
            log.add(
                "occurred_at",
                .invalidTime,
                "\(FieldPath.quoted(text)) lies more than \(Int(tolerance / 3600)) hours after the time it was received"
            )
            return false
        }
        if let now, let pastTolerance, now.timeIntervalSince(date) > DeadlineDuration.seconds(pastTolerance) {
            let days = Int(DeadlineDuration.seconds(pastTolerance) / 86_400)
            log.add(
                "occurred_at",
                .invalidTime,
                "\(FieldPath.quoted(text)) lies more than \(days) days before the time it was received"
            )
            return false
        }
        return true
    }

    private func decodeSource(_ value: JSONValue, _ log: inout ProblemLog) -> EventSource? {
        guard var fields = ObjectFields(value, path: "source", log: &log) else { return nil }
        let kind = fields.read("kind", log: &log, FieldRules.word(SourceKind.self))
        let id = fields.read("id", log: &log, FieldRules.text(maxLength: EventLimits.sourceID))
        fields.reportUnknownFields(log: &log, allowed: ["kind", "id"])
        guard let kind, let id else { return nil }
        return EventSource(kind: kind, id: id)
    }

    private func unit(_ value: JSONValue, _ log: inout ProblemLog) -> UnitID? {
        guard let id = FieldRules.text(value, "unit_id", maxLength: EventLimits.unitID, &log) else { return nil }
        guard knownUnit(id) else {
            log.add("unit_id", .unknownUnit, "\(FieldPath.quoted(id)) is not a unit in the directory")
            return nil
        }
        return id
    }
}
