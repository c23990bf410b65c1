import Foundation
import Hummingbird

/// The fields of an `application/x-www-form-urlencoded` body, in order; a name may repeat
/// (check boxes).
struct PageForm: Sendable {
    /// Every name and value, decoded.
    var fields: [(name: String, value: String)]

    /// Reads and decodes the body of `request`, refusing anything larger than the context allows.
    static func read(_ request: Request, context: APIRequestContext) async throws -> PageForm {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return PageForm(decoding: String(buffer: buffer))
    }

    /// Decodes `text` (`a=1&b=x+y`), turning `+` into a space and `%XX` into bytes.
    init(decoding text: String) {
        fields = text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            return (name, value)
        }
    }

    /// The first value of `name`, or `nil`.
    subscript(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Every value of `name`, in order.
    func all(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    /// The first value of `name` trimmed, or `nil` when it is missing or blank.
    func trimmed(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    private static func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
