import ArgumentParser
import Foundation
import WatchpostCore

/// Where `watchpost audit --since` starts: a duration back from now (`7d`, `24h`, `90m`) or an
/// instant (RFC 3339, e.g. `2026-11-24T00:00:00+07:00`).
struct AuditSince: ExpressibleByArgument, Sendable {
    /// The text as given.
    let text: String
    private let start: Start

    private enum Start: Sendable {
        case ago(Duration)
        case at(Date)
    }

    init?(argument: String) {
        text = argument
        if let duration = DeadlineDuration.parse(argument) {
            start = .ago(duration)
        } else if case .success(let date) = RFC3339.parse(argument) {
            start = .at(date)
        } else {
            return nil
        }
    }

    /// The text as given, for `--help`.
    var defaultValueDescription: String { text }

    /// The instant it names, relative to `now`.
    func date(now: Date) -> Date {
        switch start {
        case .ago(let duration): now.addingTimeInterval(-DeadlineDuration.seconds(duration))
        case .at(let date): date
        }
    }
}
