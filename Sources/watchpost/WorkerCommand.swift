import ArgumentParser
import Foundation
import Logging
import WatchpostCore
import WatchpostStore
import WatchpostOperations
import WatchpostPipeline

/// `watchpost worker`: consume the lifecycle topic into PostgreSQL and enforce deadlines,
/// until SIGTERM or SIGINT.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Consume watchpost.events into PostgreSQL, dead-letter invalid input, enforce deadlines.",
        discussion: """
            Start-up: loads and validates directory.yaml and routing.yaml (exit 1 with file:line \
            messages on any problem), migrates the database, syncs the directory, then runs the \
            consumer loop, the deadline enforcer and the /metrics endpoint, with /healthz \
            (liveness) and /readyz (readiness: database, consumer group, deadlines). SIGTERM or \
            SIGINT finishes the batch in hand, commits it, leaves the group and exits 0. \
            Database and broker outages are waited out, never skipped.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Most messages per batch.")
    var batchSize = 500

    @Option(help: "Longest time a batch keeps filling while more messages are queued, in milliseconds.")
    var batchWaitMs = 100

    @Option(help: "Parallel database transactions for a large batch, each on some of its partitions.")
    var lanes = 1

    @Option(help: "Port of the Prometheus /metrics endpoint (and /healthz, /readyz); 0 disables it.")
    var metricsPort = 9464

    @Option(
        help: """
            Address the metrics endpoint binds to; 0.0.0.0 for every interface. \
            Default: $WATCHPOST_METRICS_HOST, else 127.0.0.1.
            """
    )
    var metricsHost: String?

    @Option(
        help: """
            Seconds an overdue obligation may wait for its escalation before /readyz answers 503. \
            Default: $WATCHPOST_OVERDUE_ALARM_SECONDS, else 60.
            """
    )
    var overdueAlarmSeconds: Int?

    @Option(help: "Consumer group.")
    var group = "watchpost-workers"

    @Option(help: "Seconds without heartbeat before the group reassigns this worker's partitions.")
    var sessionTimeout = 45

    @Option(help: "Seconds one batch may be retried through an outage before the group reassigns it.")
    var maxPollInterval = 3600

    @Flag(help: "Do not run the deadline enforcer in this worker.")
    var noEnforcer = false

    @Flag(help: "Do not audit the deadlines every minute in this worker (no deadline_audit check in /readyz).")
    var noDeadlineAudit = false

    @Option(
        help: """
            Seconds an escalation or a reminder may take after it was due before the deadline audit names it. \
            Default: $WATCHPOST_DEADLINE_AUDIT_GRACE_SECONDS, else 60.
            """
    )
    var deadlineAuditGraceSeconds: Int?

    @Option(
        help: "Log level: trace, debug, info, notice, warning, error, critical. Default: $WATCHPOST_LOG_LEVEL or info."
    )
    var logLevel: String?

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
        guard batchWaitMs >= 0 else { throw ValidationError("--batch-wait-ms must not be negative") }
        guard (1...16).contains(lanes) else { throw ValidationError("--lanes must be between 1 and 16") }
        guard (0...65535).contains(metricsPort) else { throw ValidationError("--metrics-port must be 0...65535") }
        guard try overdueAlarm() >= 1 else {
            throw ValidationError("--overdue-alarm-seconds must be at least 1")
        }
        guard try deadlineAuditGrace() >= 0 else {
            throw ValidationError("--deadline-audit-grace-seconds must not be negative")
        }
        guard sessionTimeout >= 1, maxPollInterval >= 1 else {
            throw ValidationError("--session-timeout and --max-poll-interval must be at least 1 second")
        }
    }

    func run() async throws {
        let logger = CommandLogging.logger("watchpost.worker", level: logLevel)
        var settings = WorkerSettings(deployment: try connection.deployment(role: "worker", logger: logger))
        settings.maxBatchSize = batchSize
        settings.maxBatchWait = .milliseconds(batchWaitMs)
        settings.lanes = lanes
        settings.metricsPort = metricsPort
        settings.metricsHost =
            metricsHost ?? environment["WATCHPOST_METRICS_HOST"].flatMap { $0.isEmpty ? nil : $0 }
            ?? settings.metricsHost
        settings.overdueAlarm = .seconds(try overdueAlarm())
        settings.groupID = group
        settings.sessionTimeout = .seconds(sessionTimeout)
        settings.maxPollInterval = .seconds(maxPollInterval)
        settings.runsEnforcer = !noEnforcer
        if noDeadlineAudit { settings.auditInterval = .zero }
        settings.auditGrace = .seconds(try deadlineAuditGrace())
        settings.keyring = try EventKeys.required()
        EventKeys.logHeld(settings.keyring, logger: logger)
        settings.acceptsUnsignedToolReports = try EventKeys.acceptsUnsignedToolReports()
        let worker: Worker
        do {
            worker = try await buildWorker(settings: settings, endpoint: OperationsServer.init, logger: logger)
        } catch let error as ConfigError {
            CommandLogging.printProblems(error)
            throw ExitCode(1)
        }
        try await worker.run()
    }

    private var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// `--overdue-alarm-seconds`, else `$WATCHPOST_OVERDUE_ALARM_SECONDS`, else 60.
    private func overdueAlarm() throws -> Int {
        try seconds(overdueAlarmSeconds, environment: "WATCHPOST_OVERDUE_ALARM_SECONDS", default: 60)
    }

    /// `--deadline-audit-grace-seconds`, else `$WATCHPOST_DEADLINE_AUDIT_GRACE_SECONDS`, else 60.
    private func deadlineAuditGrace() throws -> Int {
        try seconds(deadlineAuditGraceSeconds, environment: "WATCHPOST_DEADLINE_AUDIT_GRACE_SECONDS", default: 60)
    }

    /// A whole number of seconds: the option's value if given, else the environment variable
    /// `name` if set, else `fallback`.
    private func seconds(_ option: Int?, environment name: String, default fallback: Int) throws -> Int {
        if let option { return option }
        guard let text = environment[name], !text.isEmpty else { return fallback }
        guard let seconds = Int(text) else {
            throw ValidationError("\(name) must be a whole number of seconds, not `\(text)`")
        }
        return seconds
    }
}

/// Logging and error output shared by the operator commands.
enum CommandLogging {
    /// A logger writing to standard error at `level` (or $WATCHPOST_LOG_LEVEL, or info).
    static func logger(_ label: String, level: String?) -> Logger {
        var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
        let name = level ?? ProcessInfo.processInfo.environment["WATCHPOST_LOG_LEVEL"] ?? "info"
        logger.logLevel = Logger.Level(rawValue: name.lowercased()) ?? .info
        return logger
    }

    /// Prints configuration problems as `file:line: message`, one per line, on standard error.
    static func printProblems(_ error: ConfigError) {
        for problem in error.problems {
            FileHandle.standardError.write(Data("\(problem)\n".utf8))
        }
    }
}
