import Foundation
import WatchpostCore

/// What `/readyz` knows about the database and the deadlines: the health probe's rounds, kept
/// as a plain value that the probe updates and the HTTP handler turns into a report (with the
/// deadline audit's last outcome, which its own service keeps).
struct ReadinessState: Sendable, Hashable {
    /// How a probe round ended.
    enum Round: Sendable, Hashable {
        /// PostgreSQL answered; the age of the oldest overdue, unescalated obligation.
        case answered(oldestOverdueSeconds: Double)
        /// The round failed with this error.
        case failed(String)
    }

    /// The last finished round; `nil` before the first.
    private(set) var last: Round?
    /// When the round in flight started; `nil` between rounds.
    private(set) var inFlightSince: ContinuousClock.Instant?

    /// A round starts at `instant`.
    mutating func started(at instant: ContinuousClock.Instant) {
        inFlightSince = instant
    }

    /// The round in flight ended.
    mutating func finished(_ round: Round) {
        last = round
        inFlightSince = nil
    }

    /// The readiness report at `now`: the database answered the last round and the round in
    /// flight (if any) is not older than `timeout`; the consumer is in its group; the oldest
    /// overdue, unescalated obligation is not older than `overdueAlarm`; and, when the worker
    /// audits its deadlines (`audit` not `nil`), the last audit found no exception.
    func report(
        now: ContinuousClock.Instant,
        consumer: ConsumerMembership.State,
        timeout: Duration,
        overdueAlarm: Duration,
        audit: DeadlineAuditReading.State? = nil
    ) -> HealthReport {
        var age: Double?
        let database: HealthReport.Check
        if let since = inFlightSince, now - since > timeout {
            database = .init(
                name: "database",
                status: .failing,
                detail: "PostgreSQL has not answered SELECT 1 within \(Self.seconds(timeout))"
            )
        } else {
            switch last {
            case nil:
                database = .init(name: "database", status: .failing, detail: "not checked yet")
            case .failed(let error):
                database = .init(name: "database", status: .failing, detail: "SELECT 1 failed: \(error)")
            case .answered(let seconds):
                database = .init(name: "database", status: .ok, detail: "SELECT 1 answered")
                age = seconds
            }
        }
        var checks = [database, Self.check(consumer), Self.deadlines(age, alarm: overdueAlarm)]
        if let audit { checks.append(Self.deadlineAudit(audit)) }
        return HealthReport(checks: checks)
    }

    /// `deadline_audit`: failing while the last audit named an outstanding exception (someone
    /// must still act), naming the first few. Slips that are over count in the metric only.
    private static func deadlineAudit(_ audit: DeadlineAuditReading.State) -> HealthReport.Check {
        let name = "deadline_audit"
        switch audit {
        case .notYet:
            return .init(name: name, status: .unknown, detail: "the first audit has not finished yet")
        case .failed(let error):
            return .init(name: name, status: .unknown, detail: "the last audit failed: \(error)")
        case .found(let exceptions) where exceptions.isEmpty:
            return .init(name: name, status: .ok, detail: "no deadline or reminder slipped")
        case .found(let exceptions):
            let shown = exceptions.prefix(3).joined(separator: "; ")
            let more = exceptions.count > 3 ? "; and \(exceptions.count - 3) more" : ""
            return .init(name: name, status: .failing, detail: "\(exceptions.count) exception(s): \(shown)\(more)")
        }
    }

    private static func check(_ consumer: ConsumerMembership.State) -> HealthReport.Check {
        switch consumer {
        case .joining:
            .init(name: "consumer", status: .failing, detail: "not in the consumer group yet")
        case .member(let partitions):
            .init(name: "consumer", status: .ok, detail: "in the consumer group, holding \(partitions) partition(s)")
        case .left:
            .init(name: "consumer", status: .failing, detail: "the consumer left the group")
        }
    }

    private static func deadlines(_ age: Double?, alarm: Duration) -> HealthReport.Check {
        guard let age else {
            return .init(name: "deadlines", status: .unknown, detail: "unknown while the database does not answer")
        }
        let detail =
            "oldest overdue obligation not yet escalated: \(Int(age.rounded())) s (alarm above \(Self.seconds(alarm)))"
        return .init(name: "deadlines", status: age > DeadlineDuration.seconds(alarm) ? .failing : .ok, detail: detail)
    }

    /// `60 s`, or `1500 ms` when not whole seconds.
    private static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return attoseconds == 0 ? "\(seconds) s" : "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000) ms"
    }
}
