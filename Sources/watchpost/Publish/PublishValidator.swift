import Foundation
import WatchpostCore

/// Validates outgoing events exactly as a worker will: with `EventDecoder` against the directory.
///
/// On top of the decoder it checks what only a sender can usefully check: an officer source
/// must be an officer of the directory (the worker stores events from unknown officers, but
/// their acknowledgements and actions then meet no obligation, which is a silent mistake).
struct PublishValidator: Sendable {
    /// The directory loaded from `--config-dir`.
    var directory: Directory

    private var decoder: EventDecoder {
        let directory = directory
        return EventDecoder(knownUnit: { directory.unit($0) != nil })
    }

    /// Validates a draft: builds its envelope, decodes it, then re-encodes the decoded event
    /// canonically and decodes those bytes too, so what is sent is exactly what was checked.
    func validate(_ draft: EventDraft, now: Date) -> Result<ValidatedEvent, EventRejection> {
        let envelope = draft.envelope(occurredAt: now)
        var problems: [EventProblem] = []
        var decoded: Event?
        switch decoder.decode(envelope, now: now) {
        case let .success(event): decoded = event
        case let .failure(rejection): problems = rejection.problems
        }
        if let source = draft.source, let problem = officerProblem(kind: source.kind, id: source.id) {
            problems.append(problem)
        }
        guard let event = decoded, problems.isEmpty else { return .failure(EventRejection(problems: problems)) }
        let bytes = EventEncoder().encode(event)
        guard case let .success(reread) = decoder.decode(bytes, now: now), reread == event else {
            let problem = EventProblem(
                path: "",
                code: .notJSON,
                reason:
                    "Watchpost's canonical encoding of this event does not decode to the same event (a bug; please report it)"
            )
            return .failure(EventRejection(problems: [problem]))
        }
        return .success(ValidatedEvent(event: event, bytes: bytes))
    }

    /// Validates one envelope exactly as given; on success the bytes are sent unchanged.
    func validate(envelope bytes: [UInt8], now: Date) -> Result<ValidatedEvent, EventRejection> {
        switch decoder.decode(bytes, now: now) {
        case let .failure(rejection):
            return .failure(rejection)
        case let .success(event):
            if let problem = officerProblem(kind: event.source.kind.rawValue, id: event.source.id) {
                return .failure(EventRejection(problems: [problem]))
            }
            return .success(ValidatedEvent(event: event, bytes: bytes))
        }
    }

    private func officerProblem(kind: String, id: String) -> EventProblem? {
        let trimmed = id.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        guard kind == SourceKind.officer.rawValue, !trimmed.isEmpty, directory.officer(trimmed) == nil else {
            return nil
        }
        return EventProblem(
            path: "source.id",
            code: .unknownValue,
            reason: "\"\(trimmed)\" is not an officer in the directory (directory.yaml)"
        )
    }
}

/// An event that passed validation, with the exact bytes to send.
struct ValidatedEvent: Sendable {
    /// The decoded event.
    var event: Event
    /// The message value: canonical JSON for drafts, the producer's own bytes for `--file`.
    var bytes: [UInt8]

    /// The Kafka key: the incident id, lowercase.
    var key: [UInt8] { Array(event.incidentID.canonicalString.utf8) }
}
