import Foundation
import WatchpostCore

/// An event's `data` in a timeline (`EventData` in /openapi.yaml): the fields its type carries,
/// its links only when `showURLs`.
struct EventDataBody: Encodable {
    var platform: String?
    var category: String?
    var severity: String?
    var subjects: [String]?
    var summary: String?
    var urls: [String]?
    var addedSubjects: [String]?
    var addedURLs: [String]?
    var note: String?
    var action: String?
    var evidenceURL: String?
    var level: Int?
    var reason: String?
    var obligationID: String?
    var into: String?
    var from: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case platform, category, severity, subjects, summary, urls, note, action, level, reason, into, from
        case addedSubjects = "added_subjects"
        case addedURLs = "added_urls"
        case evidenceURL = "evidence_url"
        case obligationID = "obligation_id"
    }

    init(_ payload: EventPayload, showURLs: Bool) {
        switch payload {
        case .reported(let report):
            platform = report.platform.rawValue
            category = report.category.rawValue
            severity = report.severity.rawValue
            subjects = report.subjects.map(\.rawValue)
            summary = report.summary
            if showURLs { urls = report.urls }
        case .updated(let update):
            severity = update.severity?.rawValue
            category = update.category?.rawValue
            summary = update.summary
            if !update.addedSubjects.isEmpty { addedSubjects = update.addedSubjects.map(\.rawValue) }
            if showURLs, !update.addedURLs.isEmpty { addedURLs = update.addedURLs }
        case .acknowledged(let acknowledgement):
            note = acknowledgement.note
        case .actionRecorded(let recorded):
            action = recorded.action.rawValue
            note = recorded.note
            if showURLs { evidenceURL = recorded.evidenceURL }
        case .escalated(let escalation):
            level = escalation.level
            reason = escalation.reason.rawValue
            obligationID = escalation.obligationID?.canonicalString
            note = escalation.note
        case .resolved(let resolution):
            note = resolution.note
        case .reopened(let reopening):
            reason = reopening.reason
        case .merged(let merge):
            into = merge.into.canonicalString
            note = merge.note
        case .unmerged(let unmerge):
            from = unmerge.from.canonicalString
            note = unmerge.note
        }
    }
}
