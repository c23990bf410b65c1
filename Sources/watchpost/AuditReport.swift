import Foundation
import WatchpostCore
import WatchpostStore

/// What `watchpost audit` prints: text for a person (Vietnamese first, English in parentheses,
/// local times) or JSON (times in ISO 8601 UTC).
struct AuditReport {
    var audit: DeadlineAudit

    /// The summary line, then the window, then each exception.
    var text: String {
        let count = audit.exceptions.count
        var out =
            "Kiểm tra thời hạn (deadline audit): \(audit.escalatedInTime) nhiệm vụ quá hạn đã được báo cáo cấp trên "
            + "đúng hạn, \(count) ngoại lệ\n"
        out += "  (\(audit.escalatedInTime) overdue obligation(s) escalated in time, \(count) exception(s))\n"
        out +=
            "Khoảng kiểm tra (window): \(LocalTime.format(audit.since, locale: .vi)) – "
            + "\(LocalTime.format(audit.now.addingTimeInterval(-DeadlineDuration.seconds(audit.grace)), locale: .vi)); "
            + "ân hạn (grace): \(audit.grace.components.seconds) s\n"
        out +=
            "Đã kiểm tra (checked): \(audit.deadlinesChecked) thời hạn (deadlines), "
            + "\(audit.remindersChecked) lời nhắc (reminders); \(audit.closedInTime) việc hoàn thành hoặc hủy "
            + "đúng hạn (met or cancelled in time)\n"
        if audit.isClean {
            out += "\nKhông có ngoại lệ (no exceptions)\n"
            return out
        }
        out += "\nNgoại lệ (exceptions)\n"
        for exception in audit.exceptions {
            let owner =
                exception.ownerOfficerID.map { "\($0) (\(exception.ownerRelation.rawValue))" }
                ?? "không ai (nobody) (\(exception.ownerRelation.rawValue))"
            out +=
                "  - \(exception.missingVietnamese) (\(exception.missing)); muộn (late) "
                + "\(DeadlineDuration.format(exception.lateness))\n"
            out +=
                "    việc (obligation) \(Self.id(exception.obligationID)); "
                + "sự việc (incident) \(Self.id(exception.incidentID))\n"
            out +=
                "    trường (school) \(exception.school); \(StatusReport.label(exception.kind)); "
                + "phụ trách (owner) \(owner)\n"
            out +=
                "    hạn (due) \(LocalTime.format(exception.dueAt, locale: .vi)); "
                + "lần báo cáo cấp trên (escalation level) \(exception.level)\n"
        }
        return out
    }

    /// The same as JSON.
    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(Body(audit))
    }

    private static func id(_ id: UUID) -> String { id.uuidString.lowercased() }

    private struct Body: Encodable {
        var since: Date
        var until: Date
        var graceSeconds: Int64
        var deadlinesChecked: Int
        var escalatedInTime: Int
        var closedInTime: Int
        var remindersChecked: Int
        var exceptions: [Exception]

        init(_ audit: DeadlineAudit) {
            since = audit.since
            until = audit.now.addingTimeInterval(-DeadlineDuration.seconds(audit.grace))
            graceSeconds = audit.grace.components.seconds
            deadlinesChecked = audit.deadlinesChecked
            escalatedInTime = audit.escalatedInTime
            closedInTime = audit.closedInTime
            remindersChecked = audit.remindersChecked
            exceptions = audit.exceptions.map(Exception.init)
        }
    }

    private struct Exception: Encodable {
        var obligationID: String
        var incidentID: String
        var school: String
        var kind: String
        var ownerRelation: String
        var ownerOfficerID: String?
        var level: Int
        var dueAt: Date
        var problem: String
        var missing: String
        var lateSeconds: Int64
        var closedAt: Date?

        init(_ exception: DeadlineAuditException) {
            obligationID = AuditReport.id(exception.obligationID)
            incidentID = AuditReport.id(exception.incidentID)
            school = exception.school
            kind = exception.kind.rawValue
            ownerRelation = exception.ownerRelation.rawValue
            ownerOfficerID = exception.ownerOfficerID
            level = exception.level
            dueAt = exception.dueAt
            problem = exception.code
            missing = exception.missing
            lateSeconds = exception.lateness.components.seconds
            closedAt = exception.closedAt
        }
    }
}
