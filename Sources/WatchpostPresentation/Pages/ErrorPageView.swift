import WatchpostCore

/// A refusal or failure as a page (`error.mustache`): the reason in the reader's language, the
/// problems of the request, the error's code, and a way back.
public struct ErrorPageView: Sendable {
    /// The problems, when the request had any.
    struct Problems: Sendable {
        let items: [String]
    }

    let reason: String
    let problems: Problems?
    let code: String
    let signedIn: Bool

    /// The page for an error with HTTP status `status`.
    public init(reason: String, problems: [String], code: String, signedIn: Bool) {
        self.reason = reason
        self.problems = problems.isEmpty ? nil : Problems(items: problems)
        self.code = code
        self.signedIn = signedIn
    }

    /// The heading for HTTP status `code`.
    public static func title(status code: Int, locale: DisplayLocale) -> String {
        let key =
            switch code {
            case 400, 413, 422: "invalid"
            case 401: "signInNeeded"
            case 403: "forbidden"
            case 404: "notFound"
            case 409: "conflict"
            case 503: "unavailable"
            default: "failed"
            }
        return Labels.label("error", key)(locale)
    }
}
