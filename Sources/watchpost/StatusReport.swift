import Foundation
import WatchpostCore
import WatchpostPresentation
import WatchpostNotify
import WatchpostStore

/// What `watchpost status` shows, as JSON (`Codable`) or as text for a person.
struct StatusReport: Encodable {
    /// A reachability finding, flattened for JSON.
    struct Finding: Encodable {
        var subject: String
        var subjectKind: String
        var problem: ReachabilityFinding.Problem
        var relations: [Relation]
        var file: String
        var line: Int
        var message: String

        init(_ finding: ReachabilityFinding) {
            subject = finding.subject.id
            if case .school = finding.subject { subjectKind = "school" } else { subjectKind = "officer" }
            problem = finding.problem
            relations = finding.relations
            file = finding.file
            line = finding.line
            message = finding.message
        }

        var description: String { "\(file):\(line): warning: \(message)" }
    }

    /// The findings, and what kept the check from running (configuration or channel errors).
    struct Reachability: Encodable {
        var findings: [Finding]
        var problems: [String]
    }

    var overview: OperatorOverview
    var reachability: Reachability

    /// The report for a person: Vietnamese first, English in parentheses, local times.
    var text: String {
        let c = overview.counts
        var out = "Tổng quan Watchpost (Watchpost overview) — \(LocalTime.format(overview.readAt, locale: .vi))\n\n"
        out += "Số liệu (counts)\n"
        out += "  Sự kiện (events): \(c.events)\n"
        out +=
            "  Sự việc đang mở / đã giải quyết (incidents open / resolved): \(c.openIncidents) / \(c.resolvedIncidents)\n"
        out +=
            "  Nhiệm vụ đang mở / quá hạn / đã hoàn thành (obligations open / overdue / met): "
            + "\(c.openObligations) / \(c.overdueObligations) / \(c.metObligations)\n"
        out += "  Cảnh báo (alerts): \(c.alerts)\n"
        out +=
            "  Lượt gửi chờ / đã gửi / thất bại / đã hủy (deliveries pending / delivered / dead / cancelled): "
            + "\(c.pendingDeliveries) / \(c.deliveredDeliveries) / \(c.deadDeliveries) / \(c.cancelledDeliveries)\n"
        out += "  Sự kiện bị từ chối chưa phát lại (rejected events not replayed): \(c.rejectedNotReplayed)\n"
        out +=
            "  Tin chờ gửi lên Kafka / bị Kafka từ chối (outbox pending / refused): "
            + "\(c.outboxPending) / \(c.outboxRefused)\n"

        out += "\nThực thi thời hạn (deadline enforcement)\n"
        out +=
            "  Nhiệm vụ quá hạn lâu nhất chưa báo cáo cấp trên (oldest overdue obligation not yet escalated): "
            + Self.age(overview.oldestUnescalatedOverdueSeconds) + "\n"

        out += "\nViệc quá hạn lâu nhất (most overdue obligations)\n"
        if overview.overdueObligations.isEmpty { out += "  Không có (none)\n" }
        for item in overview.overdueObligations {
            let school = item.schoolName.map { "\($0) [\(item.schoolID)]" } ?? item.schoolID
            let owner =
                item.ownerOfficerID.map { "\($0) (\(item.ownerRelation.rawValue))" }
                ?? "không ai (nobody) (\(item.ownerRelation.rawValue))"
            out += "  - \(school): \(Self.label(item.kind))\n"
            out +=
                "    hạn (due) \(LocalTime.format(item.dueAt, locale: .vi)); phụ trách (owner) \(owner); "
                + "lần báo cáo cấp trên (escalation level) \(item.level)\n"
        }

        out += "\nLượt gửi thất bại (dead deliveries)\n"
        if overview.deadDeliveries.isEmpty { out += "  Không có (none)\n" }
        for item in overview.deadDeliveries {
            let when = item.lastAttemptAt.map { " lúc (at) \(LocalTime.format($0, locale: .vi))" } ?? ""
            out +=
                "  - \(item.recipient): \(item.attempts) lần thử (attempts)\(when); "
                + "lỗi cuối (last error): \(item.lastError ?? "—")\n"
        }

        out += "\nNgười nhận không liên lạc được (unreachable recipients)\n"
        for problem in reachability.problems { out += "  Không kiểm tra được (cannot check): \(problem)\n" }
        if reachability.findings.isEmpty && reachability.problems.isEmpty { out += "  Không có (none)\n" }
        for finding in reachability.findings { out += "  \(finding.description)\n" }
        return out
    }

    /// `2h5m (7500 s)`, or none.
    private static func age(_ seconds: Double) -> String {
        guard seconds > 0 else { return "không có (none)" }
        let whole = max(1, Int64(seconds.rounded()))
        return "\(DeadlineDuration.format(.seconds(whole))) (\(whole) s)"
    }

    /// The alerts' own words for `kind` (one vocabulary for alerts and status), English in parentheses.
    static func label(_ kind: ObligationKind) -> String {
        "\(TemplateStrings.vi.label(kind)) (\(TemplateStrings.en.label(kind)))"
    }
}
