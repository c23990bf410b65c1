import ArgumentParser

/// The `watchpost` command: publish events, run workers, manage the database and the dev broker.
@main
struct Watchpost: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watchpost",
        abstract: "Watchpost: social-network incident reports to alerts, deadlines and escalations.",
        version: WatchpostVersion.current,
        subcommands: [
            DevBrokerCommand.self, PublishCommand.self, WorkerCommand.self, MigrateCommand.self, DirectoryCommand.self,
            DLQCommand.self, StatusCommand.self, APICommand.self, TokenCommand.self, TopicsCommand.self,
            ProbeCommand.self,
            PurgeCommand.self, ReportCommand.self, AuditCommand.self,
        ]
    )
}
