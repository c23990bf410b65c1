import Foundation
import HTTPTypes
import Hummingbird
import WatchpostCore

/// An error answered to the caller: JSON under `/v1` (and for `Accept: application/json`),
/// otherwise a page in the caller's language. The message always says why.
public struct APIError: Error, HTTPResponseError, Sendable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// A stable machine-readable code, e.g. `csrf_missing`, `forbidden_unit`.
    public var code: APIErrorCode
    /// Why, in English (JSON) …
    public var message: String
    /// … and in Vietnamese (pages, and `message_vi` in JSON).
    public var messageVI: String
    /// Field problems for 400, each naming the field and the reason.
    public var problems: [EventProblem]

    /// Creates a value from its parts.
    public init(
        _ status: HTTPResponse.Status,
        code: APIErrorCode,
        message: String,
        vi: String,
        problems: [EventProblem] = []
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.messageVI = vi
        self.problems = problems
    }

    /// 401: the request carries no valid credential; `reason` says why.
    public static func unauthenticated(_ message: String = "sign in or send a valid bearer token") -> APIError {
        APIError(
            .unauthorized,
            code: .unauthenticated,
            message: message,
            vi: "Cần đăng nhập hoặc gửi mã truy cập hợp lệ."
        )
    }

    /// 403 with a stable `code` and the reason in English and Vietnamese.
    public static func forbidden(code: APIErrorCode, _ message: String, vi: String) -> APIError {
        APIError(.forbidden, code: code, message: message, vi: vi)
    }

    /// 404: nothing at this address for this caller.
    public static func notFound(_ what: String) -> APIError {
        APIError(.notFound, code: .notFound, message: "\(what) was not found", vi: "Không tìm thấy \(what).")
    }

    /// The JSON problem body of this error, in the caller's language.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"watchpost\"" }
        return Response(
            status: status,
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: json()))
        )
    }

    /// `{"error": code, "message": …, "message_vi": …, "problems": [{"field", "code", "reason"}]}`.
    public func json() -> [UInt8] {
        struct Problem: Encodable { var field: String; var code: String; var reason: String }
        struct Body: Encodable {
            var error: String
            var message: String
            var message_vi: String
            var problems: [Problem]?
        }
        let body = Body(
            error: code.rawValue,
            message: message,
            message_vi: messageVI,
            problems: problems.isEmpty
                ? nil : problems.map { Problem(field: $0.path, code: $0.code.rawValue, reason: $0.reason) }
        )
        return Array(JSONResponse.encode(body))
    }
}
