import Foundation
import WatchpostCore

/// How hard the chaos suite pushes: the short mode runs inside `scripts/test`; `scripts/chaos`
/// sets `WATCHPOST_CHAOS=long` for the figures in docs/reliability.md. Each figure can also be
/// set on its own (`WATCHPOST_CHAOS_EVENTS`, `WATCHPOST_CHAOS_KILLS`, `WATCHPOST_CHAOS_DB_RESTARTS`,
/// `WATCHPOST_CHAOS_OUTAGE_SECONDS`, `WATCHPOST_CHAOS_DEADLINES`).
struct ChaosSettings: Sendable {
    /// Events published by the crash run, over `producers` producers.
    var events: Int
    /// Worker processes killed with SIGKILL (each restarted at once).
    var kills: Int
    /// PostgreSQL stops (alternately `-m fast` and `-m immediate`) in the database run.
    var databaseRestarts: Int
    /// Events published by the database run.
    var databaseEvents: Int
    /// How long each PostgreSQL stop and the broker outage last at least. An outage always lasts
    /// until every worker has met it; this keeps it going past that, as a real one would, through
    /// the clients' reconnection backoff.
    var outage: Duration
    /// Reports whose acknowledgement deadlines fall due while workers are being killed.
    var deadlines: Int
    /// How long those reports take to publish, paced: their deadlines spread over as long.
    var deadlineSpread: Duration
    var workers = 3
    var producers = 3

    static let short = ChaosSettings(
        events: 3_000,
        kills: 4,
        databaseRestarts: 1,
        databaseEvents: 1_500,
        outage: .zero,
        deadlines: 300,
        deadlineSpread: .seconds(15)
    )
    static let long = ChaosSettings(
        events: 50_000,
        kills: 24,
        databaseRestarts: 3,
        databaseEvents: 20_000,
        outage: .seconds(10),
        deadlines: 5_000,
        deadlineSpread: .seconds(240)
    )

    /// The mode `WATCHPOST_CHAOS` names (`long`, else short), with any figure overridden.
    static var current: ChaosSettings {
        let environment = ProcessInfo.processInfo.environment
        var settings = environment["WATCHPOST_CHAOS"] == "long" ? long : short
        if let events = environment["WATCHPOST_CHAOS_EVENTS"].flatMap(Int.init) { settings.events = events }
        if let kills = environment["WATCHPOST_CHAOS_KILLS"].flatMap(Int.init) { settings.kills = kills }
        if let restarts = environment["WATCHPOST_CHAOS_DB_RESTARTS"].flatMap(Int.init) {
            settings.databaseRestarts = restarts
        }
        if let seconds = environment["WATCHPOST_CHAOS_OUTAGE_SECONDS"].flatMap(Int.init) {
            settings.outage = .seconds(seconds)
        }
        if let deadlines = environment["WATCHPOST_CHAOS_DEADLINES"].flatMap(Int.init) { settings.deadlines = deadlines }
        return settings
    }

    /// Keeps an outage that began at `start` going until `outage` has passed: the fault's
    /// schedule, like a load generator's clock, not a synchronisation.
    func holdOutage(since start: ContinuousClock.Instant) async throws {
        try await Task.sleep(until: start + outage, clock: .continuous)
    }

    /// Seconds since `start`, to one decimal, for the report.
    static func seconds(since start: ContinuousClock.Instant) -> String {
        String(format: "%.1f", DeadlineDuration.seconds(ContinuousClock.now - start))
    }

    /// Appends `line` to the report file `WATCHPOST_CHAOS_REPORT` names, if any: the long run's
    /// figures, which scripts/chaos copies into docs/reliability.md.
    static func record(_ line: String) {
        print("chaos: \(line)")
        guard let path = ProcessInfo.processInfo.environment["WATCHPOST_CHAOS_REPORT"], !path.isEmpty else { return }
        let data = Data((line + "\n").utf8)
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(data)
            try? handle.close()
        } else {
            _ = FileManager.default.createFile(atPath: path, contents: data)
        }
    }
}
