import Foundation
import Hummingbird

/// Reads a JSON request body within a size limit: 415 for another content type, 413 when the
/// declared or the received size is over the limit.
enum RequestBody {
    static func json(_ request: Request, limit: Int) async throws(APIError) -> [UInt8] {
        try requireJSON(request)
        return try await bytes(request, limit: limit)
    }

    /// 415 unless the request says its body is JSON.
    static func requireJSON(_ request: Request) throws(APIError) {
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType == "application/json" else {
            throw APIError(
                .unsupportedMediaType,
                code: .unsupportedMediaType,
                message: "send the body as `Content-Type: application/json`",
                vi: "Đề nghị gửi nội dung dạng JSON (`Content-Type: application/json`)."
            )
        }
    }

    /// The body's bytes, whatever its type: for a caller that must check a signature over them
    /// before it looks at anything else.
    static func bytes(_ request: Request, limit: Int) async throws(APIError) -> [UInt8] {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw tooLarge(limit)
        }
        do {
            return Array(buffer: try await request.body.collect(upTo: limit))
        } catch {
            throw tooLarge(limit)
        }
    }

    private static func tooLarge(_ limit: Int) -> APIError {
        APIError(
            .contentTooLarge,
            code: .bodyTooLarge,
            message: "the body is larger than \(limit) bytes",
            vi: "Nội dung gửi lên vượt quá \(limit) byte."
        )
    }
}
