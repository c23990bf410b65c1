import Foundation
import Hummingbird

/// The files under `Resources/static`, read once from the bundle and served at `/static/…`.
enum StaticAssets {
    /// The stylesheet of every page.
    static let stylesheet: [UInt8] = load("watchpost", "css")

    /// The stylesheet's response; cacheable for an hour (it changes only with a release).
    static func stylesheetResponse() -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: stylesheet))
        )
    }

    private static func load(_ name: String, _ ext: String) -> [UInt8] {
        let candidates = [
            Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Resources/static"),
            Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "static"),
            Bundle.module.resourceURL?.appendingPathComponent("Resources/static/\(name).\(ext)"),
        ]
        for url in candidates.compactMap({ $0 }) {
            if let data = try? Data(contentsOf: url) { return Array(data) }
        }
        return Array("/* \(name).\(ext) is missing from the bundle */\n".utf8)
    }
}
