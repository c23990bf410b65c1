extension Labels {
    static let incident: [String: Label] = [
        // The notices above the page.
        "doneAcknowledged": Label("Đã gửi xác nhận.", "Your acknowledgement was sent."),
        "doneAction": Label("Đã ghi nhận hành động.", "The action was recorded."),
        "doneResolved": Label("Đã gửi yêu cầu đóng sự việc.", "The resolution was sent."),
        "doneMerged": Label("Đã gửi yêu cầu gộp sự việc.", "The merge was sent."),
        "doneUnmerged": Label("Đã gửi yêu cầu tách sự việc.", "The unmerge was sent."),
        "doneRelated": Label("Đã liên kết hai sự việc.", "The incidents are now related."),
        "doneUnrelated": Label("Đã bỏ liên kết.", "The relation was ended."),
        "reloadLater": Label(
            "Trang sẽ cập nhật khi hệ thống xử lý xong; tải lại trang sau ít giây.",
            "The page shows it once Watchpost has processed it; reload in a few seconds."
        ),
        "childLogged": Label(
            "Sự việc liên quan đến trẻ em: mỗi lần xem trang này đều được ghi lại (Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15).",
            "A child is involved: every view of this page is logged (Personal Data Protection Law 91/2025/QH15)."
        ),
        // Related incidents (issue 30).
        "relatedHeading": Label("Sự việc liên quan", "Related incidents"),
        "relatedSameContent": Label("cùng bài đăng", "the same post"),
        "relatedManual": Label("do cơ quan quản lý liên kết", "related by the authority"),
        "unrelate": Label("Bỏ liên kết", "Unrelate"),
        // Merged incidents (D60).
        "mergedNotice": Label("Đã gộp vào sự việc", "Merged into incident"),
        "mergedNoticeTail": Label(
            "Việc xử lý tiếp theo được theo dõi tại sự việc đó; các nhiệm vụ còn mở của sự việc này đã kết thúc.",
            "It is followed up there; what this incident still owed has ended."
        ),
        "absorbedHeading": Label("Sự việc đã gộp vào đây", "Incidents merged into this one"),
        "organiseHeading": Label("Liên kết và gộp sự việc", "Relate and merge incidents"),
        "relateIncident": Label("Liên kết với sự việc khác", "Relate another incident"),
        "relateField": Label("Mã sự việc", "Incident id"),
        "relateHint": Label(
            "Mã của sự việc đó, hoặc địa chỉ trang của sự việc đó.",
            "Its id, or the address of its page."
        ),
        "relate": Label("Liên kết", "Relate"),
        "mergeIncident": Label(
            "Gộp vào sự việc khác (sự việc này là bản trùng)",
            "Merge into another incident (this one is a duplicate)"
        ),
        "mergeInto": Label("Gộp vào sự việc", "Merge into"),
        "mergeHint": Label(
            "Các nhiệm vụ còn mở của sự việc này kết thúc; sự việc được chọn tiếp tục được theo dõi, nhận các báo cáo "
                + "và nhiệm vụ của sự việc này.",
            "What this incident still owes ends; the chosen one carries on, with this one's reports and obligations."
        ),
        "merge": Label("Gộp", "Merge"),
        "unmergeIncident": Label("Tách khỏi sự việc đã gộp", "Unmerge from the incident it was merged into"),
        "unmerge": Label("Tách ra", "Unmerge"),
        "mergedInto": Label("gộp vào sự việc", "merged into"),
        "unmergedFrom": Label("tách khỏi sự việc", "unmerged from"),
        "closedByMerge": Label("Kết thúc do gộp sự việc", "Ended by a merge"),
        // The forms.
        "actionsHeading": Label("Việc đồng chí có thể làm", "What you can do"),
        "notSent": Label("Chưa gửi được; đề nghị sửa:", "Not sent; please fix:"),
        "acknowledge": Label("Xác nhận", "Acknowledge"),
        "recordAction": Label("Ghi nhận hành động", "Record an action"),
        "record": Label("Ghi nhận", "Record"),
        "resolveIncident": Label("Đóng sự việc", "Resolve the incident"),
        "markResolved": Label("Đánh dấu đã giải quyết", "Mark as resolved"),
        "whatWasDone": Label("Hành động đã làm", "What was done"),
        "choose": Label("— Chọn —", "— Choose —"),
        "evidenceURL": Label("Đường dẫn minh chứng (nếu có)", "Link proving it (optional)"),
        "evidenceHint": Label(
            "Ví dụ: bài đính chính, thông báo gỡ bỏ.",
            "E.g. the correction post, the takedown notice."
        ),
        "note": Label("Ghi chú (không bắt buộc)", "Note (optional)"),
        // The facts.
        "status": Label("Trạng thái", "Status"),
        "people": Label("Người liên quan", "People involved"),
        "noneGiven": Label("Không ghi", "None given"),
        "acknowledged": Label("Xác nhận lúc", "Acknowledged"),
        "resolved": Label("Giải quyết lúc", "Resolved"),
        "details": Label("Nội dung chi tiết", "Details"),
        "description": Label("Mô tả", "Description"),
        "links": Label("Đường dẫn", "Links"),
        "linksHidden": Label(
            "Chỉ cán bộ có thẩm quyền với sự việc này mới xem được.",
            "Shown only to officers authorised for this incident."
        ),
        // The obligations.
        "obligationsHeading": Label("Nhiệm vụ và thời hạn", "Obligations and deadlines"),
        "nobodyHolds": Label("chưa có người đảm nhận", "nobody holds it"),
        "why": Label("Lý do và căn cứ", "Why, and the legal basis"),
        "paused": Label("Đang chờ bên khác", "Waiting on someone else"),
        "pausedUntil": Label("Thời hạn tạm dừng đến", "The deadline is paused until"),
        "legalBasis": Label("Căn cứ:", "Legal basis:"),
        // The timeline.
        "timeline": Label("Diễn biến", "Timeline"),
        "alert": Label("Cảnh báo", "Alert"),
        "newSeverity": Label("mức độ", "severity"),
        "notApplied": Label("không áp dụng", "not applied"),
        "rejected": Label("bị từ chối", "rejected"),
        "system": Label("Hệ thống Watchpost", "Watchpost"),
        "delivered": Label("đã gửi", "delivered"),
        "undeliverable": Label("không gửi được", "could not be delivered"),
        "deliveryCancelled": Label("đã hủy", "cancelled"),
        "sending": Label("đang gửi", "sending"),
        // The alerts of the timeline, by `AlertTemplate`.
        "alertIncidentNew": Label("Sự việc mới", "New incident"),
        "alertIncidentUpdated": Label("Cập nhật", "Update"),
        "alertIncidentEscalated": Label("Báo cáo cấp trên chỉ đạo", "Escalation"),
        "alertIncidentResolved": Label("Đã giải quyết", "Resolved"),
        "alertIncidentReopened": Label("Mở lại", "Reopened"),
        "alertIncidentMerged": Label("Đã gộp sự việc", "Merged"),
        "alertEvidenceAttached": Label("Thêm bằng chứng", "More evidence"),
        "alertObligationReminder": Label("Nhắc hạn", "Reminder"),
        "alertObligationEscalated": Label("Nhiệm vụ quá hạn, báo cáo cấp trên", "Obligation escalated"),
        "alertObligationMissed": Label("Trễ hạn", "Deadline missed"),
        "alertDeliveryFailed": Label("Không gửi được cảnh báo", "Alert not delivered"),
    ]
}
