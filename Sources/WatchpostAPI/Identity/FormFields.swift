import Foundation
import Hummingbird

/// The fields of an `application/x-www-form-urlencoded` body, as the pages' forms send them.
/// A field sent twice keeps its first value; bodies over 16 KiB get 413.
struct FormFields: Sendable {
    private var values: [String: String]

    /// The value of `name`, trimmed; `nil` when absent or blank.
    subscript(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// Every field as sent (first values, untrimmed), for checking a signature over them.
    var pairs: [(String, String)] { values.map { ($0.key, $0.value) } }

    /// Parses `text` (`a=1&b=x+y`).
    init(parsing text: String) {
        var values: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (part: Substring) in
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }
            guard let name = decode(parts[0]), let value = parts.count == 2 ? decode(parts[1]) : "" else { continue }
            if values[name] == nil { values[name] = value }
        }
        self.values = values
    }

    /// Reads and parses the request's body.
    static func read(_ request: Request) async throws(APIError) -> FormFields {
        do {
            let buffer = try await request.body.collect(upTo: 16 * 1024)
            return FormFields(parsing: String(buffer: buffer))
        } catch {
            throw APIError(
                .contentTooLarge,
                code: .formTooLarge,
                message: "the form is larger than 16 KiB",
                vi: "Biểu mẫu quá lớn (tối đa 16 KiB)."
            )
        }
    }
}
