import Foundation

/// What `/healthz` and `/readyz` answer: each check by name with its state and a detail a
/// person can act on. Healthy only when every check is `ok`.
public struct HealthReport: Sendable, Hashable, Encodable {
    /// One check.
    struct Check: Sendable, Hashable, Encodable {
        /// A check's state.
        enum Status: String, Sendable, Hashable, Encodable {
            /// Checked and fine.
            case ok
            /// Checked and not fine.
            case failing
            /// Could not be checked (what it depends on is failing).
            case unknown
        }

        /// `database`, `consumer`, `deadlines`, `deadline_audit`, `process`.
        var name: String
        /// Its state.
        var status: Status
        /// What was found, e.g. `SELECT 1 answered`.
        var detail: String
    }

    /// The checks, in a fixed order.
    var checks: [Check]

    /// Whether every check is `ok`.
    public var isHealthy: Bool { checks.allSatisfy { $0.status == .ok } }

    /// The liveness answer: the process serves HTTP, so it is alive.
    public static let alive = HealthReport(checks: [Check(name: "process", status: .ok, detail: "serving")])

    /// `{"status": "ok" | "unavailable", "failing": [names of failing checks], "checks": [...]}`.
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(Body(report: self))) ?? Data(#"{"status":"unavailable"}"#.utf8)
    }

    private struct Body: Encodable {
        var status: String
        var failing: [String]
        var checks: [Check]

        init(report: HealthReport) {
            status = report.isHealthy ? "ok" : "unavailable"
            failing = report.checks.filter { $0.status == .failing }.map(\.name)
            checks = report.checks
        }
    }
}
