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
        return Page(
            title: ErrorPageView.title(status: error.status.code, locale: locale),
            locale: locale,
            template: "error",
            model: ErrorPageView(
                reason: reason,
                problems: error.problems.map(\.description),
                code: error.code.rawValue,
                signedIn: context.principal?.officer != nil
            ),
            principal: context.principal,
            status: error.status
        ).response()
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
