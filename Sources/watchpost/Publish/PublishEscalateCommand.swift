import ArgumentParser

/// `watchpost publish escalate`: move an incident up a level by hand (`incident.escalated`).
struct PublishEscalateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escalate",
        abstract: "Escalate an incident by hand (incident.escalated, reason manual).",
        discussion: """
            Watchpost escalates missed deadlines by itself; use this when a person decides an \
            incident must go higher. The manual chain of routing.yaml decides who is told at each level.
            """
    )

    @OptionGroup var publish: PublishOptions
    @OptionGroup var target: IncidentOptions
    @OptionGroup var who: SourceOptions

    @Option(help: "The level to reach, from 1.")
    var level: Int?

    @Option(help: "manual (default) or severity_raised.")
    var reason = "manual"

    @Option(help: "Why (1-2000 characters).")
    var note: String?

    func run() async throws {
        let data: [(String, DraftJSON?)] = [
            ("level", level.map(DraftJSON.integer)),
            ("reason", .string(reason)),
            ("note", note.map(DraftJSON.string)),
        ]
        try await PublishRunner(options: publish).publish(drafts: [target.draft("incident.escalated", who, data)])
    }
}
