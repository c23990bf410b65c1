import Foundation
import WatchpostCore

/// The refusals of merging and unmerging incidents (D60), each with a stable code and the reason
/// in both languages.
extension AccessDenial {
    static var forbiddenMerge: APIError {
        APIError.forbidden(
            code: .forbiddenMerge,
            "only the staff of an education authority over both incidents' schools, or the head of the one school "
                + "of both, may merge or unmerge them",
            vi:
                "Chỉ cán bộ của cơ quan quản lý phụ trách trường của cả hai sự việc, hoặc Hiệu trưởng khi cả hai sự việc "
                + "thuộc trường mình, mới được gộp hoặc tách các sự việc này."
        )
    }

    static var mergeIntoItself: APIError {
        let reason = "is this incident itself"
        return APIError(
            .badRequest,
            code: .mergeIntoItself,
            message: "an incident cannot be merged into itself: `into` \(reason)",
            vi: "Không thể gộp một sự việc vào chính nó; đề nghị chọn sự việc khác.",
            problems: [EventProblem(path: "into", code: .unknownValue, reason: reason)]
        )
    }

    static func alreadyMerged(into survivor: UUID?) -> APIError {
        let id = survivor?.canonicalString ?? "another incident"
        return APIError(
            .conflict,
            code: .alreadyMerged,
            message: "this incident is already merged into \(id); unmerge it first",
            vi: "Sự việc này đã được gộp vào sự việc \(id); đề nghị tách ra trước khi gộp lại."
        )
    }

    static func incidentMerged(into survivor: UUID?) -> APIError {
        let id = survivor?.canonicalString ?? "another incident"
        return APIError(
            .conflict,
            code: .incidentMerged,
            message: "this incident is merged into \(id): act on that one, or unmerge this one first",
            vi:
                "Sự việc này đã được gộp vào sự việc \(id); đề nghị xử lý tại sự việc đó, hoặc tách sự việc này ra trước."
        )
    }

    static var incidentResolved: APIError {
        APIError(
            .conflict,
            code: .incidentResolved,
            message: "this incident is resolved; reopen it first",
            vi: "Sự việc này đã được giải quyết; đề nghị mở lại trước."
        )
    }

    static func mergeTargetMerged(into survivor: UUID?) -> APIError {
        let further = survivor.map { "; merge into \($0.canonicalString) instead" } ?? ""
        return APIError(
            .conflict,
            code: .mergeTargetMerged,
            message: "the incident to merge into is itself merged into another\(further)",
            vi: "Sự việc cần gộp vào đã được gộp vào một sự việc khác"
                + (survivor.map { "; đề nghị gộp vào sự việc \($0.canonicalString)." } ?? ".")
        )
    }

    static var mergeTargetResolved: APIError {
        APIError(
            .conflict,
            code: .mergeTargetResolved,
            message: "the incident to merge into is resolved; reopen it first, or merge into an open one",
            vi: "Sự việc cần gộp vào đã được giải quyết; đề nghị mở lại sự việc đó, hoặc gộp vào một sự việc đang mở."
        )
    }

    static func mergeHasDuplicates(_ duplicates: [UUID]) -> APIError {
        let ids = duplicates.map(\.canonicalString).joined(separator: ", ")
        return APIError(
            .conflict,
            code: .mergeHasDuplicates,
            message: "incidents \(ids) are merged into this one; unmerge them first, so that merges never chain",
            vi: "Các sự việc \(ids) đã được gộp vào sự việc này; đề nghị tách các sự việc đó ra trước."
        )
    }

    static var notMerged: APIError {
        APIError(
            .conflict,
            code: .notMerged,
            message: "this incident is not merged into another",
            vi: "Sự việc này không được gộp vào sự việc nào."
        )
    }
}
