import Crypto
import Foundation

/// The regression corpus: `Tests/Fuzz/corpus/<target>/` holds seeds (`seed-*`) and every input
/// that once broke a property, named by its SHA-256 (`<sha256>.bin`).
public struct FuzzCorpus: Sendable {
    /// The corpus folder.
    public let folder: URL

    /// The corpus of the repository at `root`.
    public init(root: URL) {
        folder = root.appendingPathComponent("Tests/Fuzz/corpus", isDirectory: true)
    }

    /// The stored inputs of `target`, sorted by name.
    public func inputs(of target: String) -> [(name: String, bytes: [UInt8])] {
        let directory = folder.appendingPathComponent(target, isDirectory: true)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
                return nil
            }
            return (name, Array(data))
        }
    }

    /// The seeds of `target` (`seed-*` files).
    public func seeds(of target: String) -> [[UInt8]] {
        inputs(of: target).filter { $0.name.hasPrefix("seed-") }.map(\.bytes)
    }

    /// Saves an input that broke a property as `<target>/<sha256>.bin`; returns its path.
    @discardableResult
    public func save(_ input: [UInt8], target: String) throws -> URL {
        let directory = folder.appendingPathComponent(target, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let name = SHA256.hash(data: input).map { String(format: "%02x", $0) }.joined() + ".bin"
        let file = directory.appendingPathComponent(name)
        try Data(input).write(to: file)
        return file
    }
}
