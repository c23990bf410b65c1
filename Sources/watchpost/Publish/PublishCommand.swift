import ArgumentParser

/// `watchpost publish`: what monitoring staff run to report an incident and record what follows.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish incident events to Kafka, validated exactly as the workers will.",
        discussion: """
            Each subcommand builds one event of envelope v1 (docs/events.md) with a new event_id \
            and occurred_at = now (UTC+07:00), validates it with the workers' decoder against \
            directory.yaml, and sends it to watchpost.events keyed by the incident id. On success \
            it prints `event_id=… incident_id=… partition=… offset=…` (or JSON with --json). \
            On invalid input it prints every problem as `field: reason` and sends nothing.

            Exit status: 0 sent; 64 bad usage; 65 invalid event; 66 unreadable file; \
            69 broker unreachable within --timeout; 78 unreadable directory.yaml.
            """,
        subcommands: [
            PublishReportCommand.self,
            PublishUpdateCommand.self,
            PublishAcknowledgeCommand.self,
            PublishActionCommand.self,
            PublishEscalateCommand.self,
            PublishResolveCommand.self,
            PublishReopenCommand.self,
        ]
    )
}

/// The unit and incident an event after the report belongs to.
///
/// Both are optional to the argument parser on purpose: a missing one is reported by the
/// decoder together with every other problem, rather than one at a time.
struct IncidentOptions: ParsableArguments {
    /// The incident id printed when it was reported.
    @Option(help: "The incident id (printed by `publish report`).")
    var incident: String?

    /// The unit of the incident.
    @Option(help: "The unit (school) id of the incident, as in directory.yaml. Required.")
    var unit: String?
}
