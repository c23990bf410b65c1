import ArgumentParser

/// `watchpost publish update`: new facts about an open incident (`incident.updated`).
struct PublishUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Add facts to an open incident (incident.updated); give at least one change."
    )

    @OptionGroup var publish: PublishOptions
    @OptionGroup var target: IncidentOptions
    @OptionGroup var who: SourceOptions

    @Option(help: "The new severity: low, medium, high or critical.")
    var severity: String?

    @Option(help: "The new category.")
    var category: String?

    @Option(help: "A replacement summary (1-2000 characters).")
    var summary: String?

    @Option(name: .customLong("add-url"), help: "Another link to the content (repeatable).")
    var addedURLs: [String] = []

    @Option(name: .customLong("add-subject"), help: "The role of another person involved (repeatable).")
    var addedSubjects: [String] = []

    func run() async throws {
        let data: [(String, DraftJSON?)] = [
            ("severity", severity.map(DraftJSON.string)),
            ("category", category.map(DraftJSON.string)),
            ("summary", summary.map(DraftJSON.string)),
            ("added_urls", addedURLs.isEmpty ? nil : .array(addedURLs.map(DraftJSON.string))),
            ("added_subjects", addedSubjects.isEmpty ? nil : .array(addedSubjects.map(DraftJSON.string))),
        ]
        try await PublishRunner(options: publish).publish(drafts: [target.draft("incident.updated", who, data)])
    }
}
