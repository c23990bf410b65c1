import Foundation
import Hummingbird

/// JSON answers of the `/v1` routes: `application/json; charset=utf-8`, never cached, keys
/// sorted so answers are stable.
enum JSONResponse {
    static func make(_ status: HTTPResponse.Status, _ value: some Encodable) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return make(status, bytes: (try? encoder.encode(value)) ?? Data("{}".utf8))
    }

    /// A JSON object built from dictionaries, arrays, strings, numbers and booleans.
    static func object(_ status: HTTPResponse.Status, _ object: [String: Any]) -> Response {
        let bytes = try? JSONSerialization.data(
            withJSONObject: object,
            options: [.sortedKeys, .withoutEscapingSlashes]
        )
        return make(status, bytes: bytes ?? Data("{}".utf8))
    }

    private static func make(_ status: HTTPResponse.Status, bytes: Data) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
