import ArgumentParser

/// `watchpost publish ack`: the responsible officer has seen the incident (`incident.acknowledged`).
struct PublishAcknowledgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack",
        abstract: "Acknowledge an incident: you have seen it and take charge (incident.acknowledged)."
    )

    @OptionGroup var publish: PublishOptions
    @OptionGroup var target: IncidentOptions
    @OptionGroup var who: SourceOptions

    @Option(help: "An optional note (1-2000 characters).")
    var note: String?

    func run() async throws {
        try await PublishRunner(options: publish).publish(
            drafts: [target.draft("incident.acknowledged", who, [("note", note.map(DraftJSON.string))])]
        )
    }
}

/// `watchpost publish action`: something was done about the incident (`action.recorded`).
struct PublishActionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action",
        abstract: "Record an action taken (action.recorded).",
        discussion: """
            --action is one of content_removed, correction_published, police_notified, \
            parents_informed, disciplinary_review, authority_reported, takedown_requested, other. A \
            recorded action meets the matching obligation (e.g. correction_published meets \
            publish_correction, authority_reported meets report_to_authority, takedown_requested \
            meets take_down and opens the authority's follow_up_takedown).
            """
    )

    @OptionGroup var publish: PublishOptions
    @OptionGroup var target: IncidentOptions
    @OptionGroup var who: SourceOptions

    @Option(help: "What was done, e.g. correction_published.")
    var action: String?

    @Option(help: "An optional note (1-2000 characters).")
    var note: String?

    @Option(help: "A link proving it: the correction post, the takedown notice, ...")
    var evidenceURL: String?

    func run() async throws {
        let data: [(String, DraftJSON?)] = [
            ("action", action.map(DraftJSON.string)),
            ("note", note.map(DraftJSON.string)),
            ("evidence_url", evidenceURL.map(DraftJSON.string)),
        ]
        try await PublishRunner(options: publish).publish(drafts: [target.draft("action.recorded", who, data)])
    }
}

/// `watchpost publish resolve`: the incident is closed (`incident.resolved`).
struct PublishResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Resolve (close) an incident (incident.resolved)."
    )

    @OptionGroup var publish: PublishOptions
    @OptionGroup var target: IncidentOptions
    @OptionGroup var who: SourceOptions

    @Option(help: "How it was resolved (1-2000 characters).")
    var note: String?

    func run() async throws {
        try await PublishRunner(options: publish).publish(
            drafts: [target.draft("incident.resolved", who, [("note", note.map(DraftJSON.string))])]
        )
    }
}

/// `watchpost publish reopen`: a resolved incident needs attention again (`incident.reopened`).
struct PublishReopenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen",
        abstract: "Reopen a resolved incident (incident.reopened)."
    )

    @OptionGroup var publish: PublishOptions
    @OptionGroup var target: IncidentOptions
    @OptionGroup var who: SourceOptions

    @Option(help: "Why it needs attention again (required, 1-500 characters).")
    var reason: String?

    func run() async throws {
        try await PublishRunner(options: publish).publish(
            drafts: [target.draft("incident.reopened", who, [("reason", reason.map(DraftJSON.string))])]
        )
    }
}

extension IncidentOptions {
    /// A draft for this incident; `nil` data values are left out.
    func draft(_ type: String, _ who: SourceOptions, _ data: [(String, DraftJSON?)]) -> EventDraft {
        EventDraft(
            type: type,
            incidentID: incident,
            unitID: unit,
            source: who.resolved,
            data: data.compactMap { key, value in value.map { (key, $0) } }
        )
    }
}
