import Foundation
import HTTPTypes
import Hummingbird
import WatchpostCore
import WatchpostPresentation

/// An `APIError` as a page: a title for its status, the reason in the reader's language, and a
/// way back. Pages never answer JSON.
enum ErrorPage {
    /// The page for `error`, for the caller of `request`.
    static func response(_ error: APIError, _ request: Request, _ context: APIRequestContext) -> Response {
        let locale = PageLocale.resolve(request, principal: context.principal)
        let reason = locale == .vi ? error.messageVI : sentence(error.message)
        var body = "<div class=\"notice error\" role=\"alert\"><p>\(HTML.escape(reason))</p>"
        if !error.problems.isEmpty {
            body += "<ul>"
            for problem in error.problems { body += "<li>\(HTML.escape(problem.description))</li>" }
            body += "</ul>"
        }
        body += "</div>"
        body +=
            "<p class=\"muted\">\(locale.text("Mã lỗi", "Error code")): <code>\(HTML.escape(error.code.rawValue))</code></p>"
        let back =
            context.principal?.officer != nil
            ? "<a class=\"button secondary\" href=\"/me\">\(locale.text("Về Việc của tôi", "Back to My tasks"))</a>"
            : "<a class=\"button secondary\" href=\"/sign-in\">\(locale.text("Đăng nhập", "Sign in"))</a>"
        body += "<p>\(back)</p>"
        return Page(
            title: title(error.status, locale: locale),
            locale: locale,
            body: body,
            principal: context.principal,
            status: error.status
        ).response()
    }

    /// The heading for `status`.
    static func title(_ status: HTTPResponse.Status, locale: DisplayLocale) -> String {
        switch status.code {
        case 400, 413, 422: locale.text("Yêu cầu chưa hợp lệ", "The request is not valid")
        case 401: locale.text("Cần đăng nhập", "Sign-in needed")
        case 403: locale.text("Không có quyền truy cập", "Not allowed")
        case 404: locale.text("Không tìm thấy", "Not found")
        case 409: locale.text("Đã có thay đổi khác", "Something else changed first")
        case 503: locale.text("Tạm thời chưa thực hiện được", "Not possible just now")
        default: locale.text("Đã có lỗi", "Something went wrong")
        }
    }

    /// The page for an unexpected error: no detail leaks to the reader; the log has it.
    static func unexpected(_ request: Request, _ context: APIRequestContext) -> Response {
        response(
            APIError(
                .internalServerError,
                code: .internal,
                message: "something went wrong on our side; try again, and tell the operators if it persists",
                vi: "Hệ thống gặp lỗi. Đề nghị thử lại; nếu vẫn lỗi, đề nghị báo cho bộ phận vận hành."
            ),
            request,
            context
        )
    }

    private static func sentence(_ text: String) -> String {
        guard let first = text.first else { return text }
        let capitalised = first.uppercased() + text.dropFirst()
        return capitalised.hasSuffix(".") ? capitalised : capitalised + "."
    }
}
