import Foundation
import WatchpostCore
import WatchpostStore

/// A merge the incident took part in, as `/v1` shows it (`IncidentMerge` in /openapi.yaml): the
/// duplicate, the survivor, who merged and why, and the unmerge once there is one (D60).
struct MergeBody: Encodable {
    let eventID: String
    let duplicateID: String
    let survivorID: String
    let mergedBy: String
    let note: String?
    let mergedAt: String?
    let mergedAtLocal: String?
    let unmergedBy: String?
    let unmergeNote: String?
    let unmergedAt: String?
    let unmergedAtLocal: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case note
        case eventID = "event_id"
        case duplicateID = "duplicate_id"
        case survivorID = "survivor_id"
        case mergedBy = "merged_by"
        case mergedAt = "merged_at"
        case mergedAtLocal = "merged_at_local"
        case unmergedBy = "unmerged_by"
        case unmergeNote = "unmerge_note"
        case unmergedAt = "unmerged_at"
        case unmergedAtLocal = "unmerged_at_local"
    }

    init(_ record: IncidentMergeRecord) {
        eventID = record.mergeEventID.canonicalString
        duplicateID = record.duplicateID.canonicalString
        survivorID = record.survivorID.canonicalString
        mergedBy = record.mergedBy
        note = record.note
        mergedAt = APIInstant.utc(record.mergedAt)
        mergedAtLocal = APIInstant.local(record.mergedAt)
        unmergedBy = record.unmergedBy
        unmergeNote = record.unmergeNote
        unmergedAt = APIInstant.utc(record.unmergedAt)
        unmergedAtLocal = APIInstant.local(record.unmergedAt)
    }
}
