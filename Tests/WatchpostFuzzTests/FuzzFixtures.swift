import Foundation
import WatchpostFuzz

/// The fuzz targets and corpus of this checkout.
enum FuzzFixtures {
    /// The repository root (two folders above this file's folder).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let corpus = FuzzCorpus(root: root)

    /// The target called `name`.
    static func target(_ name: String) throws -> any FuzzTarget {
        guard let target = try FuzzTargets.all(root: root).first(where: { $0.name == name }) else {
            throw FuzzViolation("no fuzz target \(name)")
        }
        return target
    }

    /// The input as text when it is short UTF-8, else its size and first bytes in hex.
    static func preview(_ input: [UInt8]) -> String {
        if input.count <= 600, let text = String(validating: input, as: UTF8.self) { return text.debugDescription }
        return "\(input.count) bytes: " + input.prefix(64).map { String(format: "%02x", $0) }.joined()
    }
}
