import Foundation

/// A member of an event's `data` given as a value rather than read from JSON: what a program
/// builds an event from (the API's actions).
public enum PayloadField: Sendable, Hashable {
    /// A string member.
    case text(String)
    /// An integer member.
    case integer(Int)

    var json: JSONValue {
        switch self {
        case .text(let text): .string(text)
        case .integer(let number): .number(String(number))
        }
    }
}

extension EventDecoder {
    /// An event a program builds (an officer's action in the API), held to the rules an
    /// envelope's bytes are: each member of `data` by its type's rules (text normalised and
    /// bounded, vocabularies closed, links checked), `occurred_at` within the tolerances of
    /// `now`, and `unitID` known. Nothing is encoded and read back; the problems name the members
    /// of `data` as given (`note`, not `data.note`), and `occurred_at` as itself.
    public func event(
        _ type: EventType,
        data: [String: PayloadField],
        eventID: UUID,
        incidentID: UUID,
        occurredAt: Date,
        source: EventSource,
        unitID: UnitID,
        now: Date
    ) -> Result<Event, EventRejection> {
        var log = ProblemLog()
        let members = data.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value.json) }
        var payload: EventPayload?
        if var fields = ObjectFields(.object(members), path: "", log: &log) {
            payload = PayloadDecoding.decode(type, &fields, &log)
        }
        _ = checkTime(occurredAt, text: RFC3339.format(occurredAt), now: now, &log)
        if !knownUnit(unitID) {
            log.add("unit_id", .unknownUnit, "\(FieldPath.quoted(unitID)) is not a unit in the directory")
        }
        guard let payload, log.isEmpty else { return .failure(EventRejection(problems: log.problems)) }
        return .success(
            Event(
                eventID: eventID,
                incidentID: incidentID,
                occurredAt: occurredAt,
                source: source,
                unitID: unitID,
                payload: payload
            )
        )
    }
}
