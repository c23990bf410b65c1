import ArgumentParser
import Foundation

/// Options every `watchpost publish` subcommand shares: where to send, how long to wait, how to answer.
struct PublishOptions: ParsableArguments {
    @OptionGroup var connection: ConnectionOptions

    /// The topic events go to.
    @Option(help: "Kafka topic.")
    var topic = "watchpost.events"

    /// Seconds to wait for the broker to store each event.
    @Option(help: "Seconds to wait for the broker to store each event before giving up.")
    var timeout: Double = 10

    /// Print JSON objects instead of `key=value` lines.
    @Flag(help: "Print one JSON object per event (and the problems as JSON on rejection).")
    var json = false

    /// Validate and print the envelopes without sending them.
    @Flag(help: "Validate and print the envelope(s) that would be sent; send nothing.")
    var dryRun = false

    /// Show librdkafka's warnings.
    @Flag(help: "Show the Kafka client's warnings on stderr.")
    var verbose = false

    func validate() throws {
        guard timeout > 0, timeout <= 3600 else {
            throw ValidationError("--timeout must be between 0 and 3600 seconds")
        }
    }

    /// `timeout` as a `Duration`.
    var timeoutDuration: Duration { .milliseconds(Int64((timeout * 1000).rounded())) }
}

/// Who publishes: `--officer ID`, or `--source KIND:ID`, or `$WATCHPOST_OFFICER`.
struct SourceOptions: ParsableArguments {
    /// An officer id from the directory.
    @Option(help: "Your officer id in directory.yaml (e.g. gs-thcs-binh-son). Default: $WATCHPOST_OFFICER.")
    var officer: String?

    /// `KIND:ID` with KIND one of officer, tool, system.
    @Option(help: "The source as KIND:ID, e.g. officer:gs-thcs-binh-son or tool:fb-crawler.")
    var source: String?

    func validate() throws {
        if officer != nil, source != nil {
            throw ValidationError("give either --officer or --source, not both")
        }
        if let source, !source.contains(":") {
            throw ValidationError("--source must be KIND:ID, e.g. officer:gs-thcs-binh-son or tool:fb-crawler")
        }
    }

    /// The source as typed, or nil when none was given (the decoder then reports `source` missing).
    var resolved: (kind: String, id: String)? {
        if let source, let colon = source.firstIndex(of: ":") {
            return (String(source[..<colon]), String(source[source.index(after: colon)...]))
        }
        if let id = officer ?? ProcessInfo.processInfo.environment["WATCHPOST_OFFICER"], !id.isEmpty {
            return ("officer", id)
        }
        return nil
    }
}
