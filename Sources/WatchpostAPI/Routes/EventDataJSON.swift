import Foundation
import WatchpostCore

/// An event's `data` for a timeline, with its links only when `showURLs`.
enum EventDataJSON {
    static func object(_ payload: EventPayload, showURLs: Bool) -> [String: Any] {
        var object: [String: Any] = [:]
        switch payload {
        case .reported(let report):
            object = [
                "platform": report.platform.rawValue,
                "category": report.category.rawValue,
                "severity": report.severity.rawValue,
                "subjects": report.subjects.map(\.rawValue),
                "summary": report.summary,
            ]
            if showURLs { object["urls"] = report.urls }
        case .updated(let update):
            object["severity"] = update.severity?.rawValue
            object["category"] = update.category?.rawValue
            object["summary"] = update.summary
            if !update.addedSubjects.isEmpty { object["added_subjects"] = update.addedSubjects.map(\.rawValue) }
            if showURLs, !update.addedURLs.isEmpty { object["added_urls"] = update.addedURLs }
        case .acknowledged(let acknowledgement):
            object["note"] = acknowledgement.note
        case .actionRecorded(let action):
            object["action"] = action.action.rawValue
            object["note"] = action.note
            if showURLs { object["evidence_url"] = action.evidenceURL }
        case .escalated(let escalation):
            object["level"] = escalation.level
            object["reason"] = escalation.reason.rawValue
            object["obligation_id"] = escalation.obligationID?.canonicalString
            object["note"] = escalation.note
        case .resolved(let resolution):
            object["note"] = resolution.note
        case .reopened(let reopening):
            object["reason"] = reopening.reason
        }
        return object
    }
}
