import Foundation
import Hummingbird

/// JSON answers of the `/v1` routes: `application/json; charset=utf-8`, never cached, keys
/// sorted so answers are stable.
enum JSONResponse {
    /// `value` as the answer's body.
    static func make(_ status: HTTPResponse.Status, _ value: some Encodable) -> Response {
        make(status, bytes: encode(value))
    }

    /// `value` as the API writes JSON everywhere: keys sorted, slashes as they are; `{}` if it
    /// cannot be encoded (a Codable body of strings and numbers always can).
    static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }

    private static func make(_ status: HTTPResponse.Status, bytes: Data) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
