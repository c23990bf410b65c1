import WatchpostCore

/// The 403 answers of the access rules, each with a stable code and a reason in both languages.
enum AccessDenial {
    static func scopeMissing(_ scope: Scope) -> APIError {
        APIError.forbidden(
            code: .scopeMissing,
            "this needs the `\(scope.rawValue)` scope, which your credential does not hold",
            vi: "Thao tác này cần quyền `\(scope.rawValue)`; mã truy cập của đồng chí chưa được cấp quyền này."
        )
    }

    static func forbiddenUnit(_ unit: UnitID) -> APIError {
        APIError.forbidden(
            code: .forbiddenUnit,
            "you may not report or read for unit `\(unit)`: it is not yours",
            vi:
                "Đồng chí không có quyền báo cáo hoặc xem thông tin của đơn vị `\(unit)`, vì đơn vị này không thuộc phạm vi phụ trách của đồng chí."
        )
    }

    static var forbiddenRelation: APIError {
        APIError.forbidden(
            code: .forbiddenRelation,
            "only the staff of an education authority over both schools may relate their incidents",
            vi: "Chỉ cán bộ của cơ quan quản lý phụ trách cả hai trường mới được liên kết các sự việc này."
        )
    }

    static var forbiddenIncident: APIError {
        APIError.forbidden(
            code: .forbiddenIncident,
            "this incident is outside your school, your authority or what was routed to you",
            vi: "Sự việc này không thuộc phạm vi quản lý của đồng chí và chưa được thông báo đến đồng chí."
        )
    }

    static var roleCannotAct: APIError {
        APIError.forbidden(
            code: .roleCannotAct,
            "only the school's head or deputy, a police liaison it was routed to, or the supervising authority's staff may act on this incident",
            vi:
                "Chỉ hiệu trưởng, phó hiệu trưởng của trường, cán bộ Công an đã được thông báo hoặc cán bộ cơ quan quản lý mới có quyền xử lý sự việc này."
        )
    }

    static var roleCannotReport: APIError {
        APIError.forbidden(
            code: .roleCannotReport,
            "only monitoring officers and tools with the report scope may report or update incidents",
            vi:
                "Chỉ cán bộ theo dõi mạng xã hội và công cụ được cấp quyền báo cáo mới có quyền báo cáo hoặc cập nhật sự việc."
        )
    }

    static var linkAcknowledgeOnly: APIError {
        APIError.forbidden(
            code: .linkAcknowledgeOnly,
            "a link from an alert may only acknowledge its incident; sign in to do more",
            vi:
                "Đường dẫn trong cảnh báo chỉ dùng để xác nhận đã nhận thông tin về sự việc; đề nghị đồng chí đăng nhập để thực hiện thao tác khác."
        )
    }

    static var linkOtherIncident: APIError {
        APIError.forbidden(
            code: .linkOtherIncident,
            "this link was made for another incident",
            vi: "Đường dẫn này được tạo cho một sự việc khác."
        )
    }

    static var officerOnly: APIError {
        APIError.forbidden(
            code: .officerOnly,
            "only officers of the directory owe obligations; tools have none",
            vi: "Chỉ cán bộ có tên trong danh bạ mới được giao nhiệm vụ; công cụ tự động không được giao nhiệm vụ."
        )
    }

    static var escalationReasonReserved: APIError {
        APIError.forbidden(
            code: .escalationReasonReserved,
            "`deadline_missed` escalations come from Watchpost's deadline enforcer only; use `manual`",
            vi:
                "Chỉ bộ kiểm soát thời hạn của hệ thống được báo cáo cấp trên với lý do `deadline_missed`; đề nghị dùng `manual`."
        )
    }

    /// 400: a report names the id of an incident that exists. It would otherwise join that
    /// incident (and make its sender a reporter of it, who may read every report).
    static var reportNamesExistingIncident: APIError {
        let reason =
            "names an incident that already exists: a report opens a new incident, so give it a new incident_id "
            + "(reports of the same post join one incident through dedup_key)"
        return APIError(
            .badRequest,
            code: .invalidEvent,
            message: "incident_id \(reason)",
            vi: "Mã sự việc (incident_id) đã có; báo cáo mới phải dùng mã sự việc mới.",
            problems: [EventProblem(path: "incident_id", code: .incidentExists, reason: reason)]
        )
    }

    static var incidentNotFound: APIError {
        APIError(
            .notFound,
            code: .incidentNotFound,
            message: "no incident has this id",
            vi: "Không có sự việc nào với mã này."
        )
    }
}
