/// Decodes the `data` object of each event type of envelope v1.
///
/// Each function returns the payload built from the valid members; the caller accepts it only
/// if no problem was logged, so an invalid optional member simply reads as absent here.
enum PayloadDecoding {
    /// The members `data` may hold, per type; anything else is an unknown field.
    static let allowedFields: [EventType: [String]] = [
        .incidentReported: ["platform", "urls", "category", "severity", "subjects", "summary", "dedup_key"],
        .incidentUpdated: ["severity", "category", "summary", "added_urls", "added_subjects"],
        .incidentAcknowledged: ["note"],
        .actionRecorded: ["action", "note", "evidence_url"],
        .incidentEscalated: ["level", "reason", "obligation_id", "note"],
        .incidentResolved: ["note"],
        .incidentReopened: ["reason"],
        .incidentMerged: ["into", "note"],
        .incidentUnmerged: ["from", "note"],
    ]

    private static var summaryRule: FieldRules.Rule<String> {
        FieldRules.text(maxLength: EventLimits.summary, multiline: true)
    }
    private static var noteRule: FieldRules.Rule<String> {
        FieldRules.text(maxLength: EventLimits.note, multiline: true)
    }
    private static var urlsRule: FieldRules.Rule<[String]> {
        FieldRules.list(count: 1...EventLimits.urlsPerEvent, of: FieldRules.url)
    }

    static func decode(_ type: EventType, _ data: inout ObjectFields, _ log: inout ProblemLog) -> EventPayload? {
        let payload: EventPayload?
        switch type {
        case .incidentReported: payload = reported(&data, &log).map(EventPayload.reported)
        case .incidentUpdated: payload = updated(&data, &log).map(EventPayload.updated)
        case .incidentAcknowledged:
            payload = .acknowledged(IncidentAcknowledged(note: data.read("note", required: false, log: &log, noteRule)))
        case .actionRecorded: payload = action(&data, &log).map(EventPayload.actionRecorded)
        case .incidentEscalated: payload = escalated(&data, &log).map(EventPayload.escalated)
        case .incidentResolved:
            payload = .resolved(IncidentResolved(note: data.read("note", required: false, log: &log, noteRule)))
        case .incidentReopened:
            let reason = data.read(
                "reason",
                log: &log,
                FieldRules.text(maxLength: EventLimits.reopenReason, multiline: true)
            )
            payload = reason.map { .reopened(IncidentReopened(reason: $0)) }
        case .incidentMerged:
            let into = data.read("into", log: &log, FieldRules.uuid)
            let note = data.read("note", required: false, log: &log, noteRule)
            payload = into.map { .merged(IncidentMerged(into: $0, note: note)) }
        case .incidentUnmerged:
            let from = data.read("from", log: &log, FieldRules.uuid)
            let note = data.read("note", required: false, log: &log, noteRule)
            payload = from.map { .unmerged(IncidentUnmerged(from: $0, note: note)) }
        }
        data.reportUnknownFields(log: &log, allowed: allowedFields[type] ?? [])
        return payload
    }

    private static func reported(_ data: inout ObjectFields, _ log: inout ProblemLog) -> IncidentReported? {
        let platform = data.read("platform", log: &log, FieldRules.word(Platform.self))
        let urls = data.read("urls", log: &log, urlsRule)
        let category = data.read("category", log: &log, FieldRules.word(IncidentCategory.self))
        let severity = data.read("severity", log: &log, FieldRules.word(Severity.self))
        let subjects = data.read("subjects", log: &log, roles(minimum: 0))
        let summary = data.read("summary", log: &log, summaryRule)
        let dedupKey = data.read(
            "dedup_key",
            required: false,
            log: &log,
            FieldRules.text(maxLength: EventLimits.dedupKey)
        )
        guard let platform, let urls, let firstURL = urls.first, let category, let severity, let subjects, let summary
        else { return nil }
        return IncidentReported(
            platform: platform,
            urls: urls,
            category: category,
            severity: severity,
            subjects: subjects,
            summary: summary,
            dedupKey: dedupKey ?? DedupKey.defaultKey(forFirstURL: firstURL)
        )
    }

    private static func updated(_ data: inout ObjectFields, _ log: inout ProblemLog) -> IncidentUpdated? {
        let fields = allowedFields[.incidentUpdated] ?? []
        guard fields.contains(where: data.contains) else {
            log.add(data.path, .missing, "must contain at least one of: \(fields.joined(separator: ", "))")
            return nil
        }
        return IncidentUpdated(
            severity: data.read("severity", required: false, log: &log, FieldRules.word(Severity.self)),
            category: data.read("category", required: false, log: &log, FieldRules.word(IncidentCategory.self)),
            summary: data.read("summary", required: false, log: &log, summaryRule),
            addedURLs: data.read("added_urls", required: false, log: &log, urlsRule) ?? [],
            addedSubjects: data.read("added_subjects", required: false, log: &log, roles(minimum: 1)) ?? []
        )
    }

    private static func action(_ data: inout ObjectFields, _ log: inout ProblemLog) -> ActionRecorded? {
        let action = data.read("action", log: &log, FieldRules.word(ActionKind.self))
        let note = data.read("note", required: false, log: &log, noteRule)
        let evidence = data.read("evidence_url", required: false, log: &log, FieldRules.url)
        return action.map { ActionRecorded(action: $0, note: note, evidenceURL: evidence) }
    }

    private static func escalated(_ data: inout ObjectFields, _ log: inout ProblemLog) -> IncidentEscalated? {
        let level = data.read("level", log: &log) { value, path, log -> Int? in
            guard let level = FieldRules.integer(value, path, &log) else { return nil }
            guard level >= 1 else {
                log.add(path, .outOfRange, "must be at least 1, not \(level)")
                return nil
            }
            return level
        }
        let reason = data.read("reason", log: &log, FieldRules.word(EscalationReason.self))
        let obligationID = data.read("obligation_id", required: false, log: &log, FieldRules.uuid)
        let note = data.read("note", required: false, log: &log, noteRule)
        guard let level, let reason else { return nil }
        return IncidentEscalated(level: level, reason: reason, obligationID: obligationID, note: note)
    }

    private static func roles(minimum: Int) -> FieldRules.Rule<[SubjectRole]> {
        FieldRules.list(count: minimum...EventLimits.subjectsPerEvent, of: FieldRules.word(SubjectRole.self))
    }
}
