import Foundation
import WatchpostCore

/// Builds every fuzz target from a repository checkout: the shipped configuration and the
/// corpus's seeds.
public enum FuzzTargets {
    /// The targets' names, in the order they run.
    public static let names = ["decoder", "directory", "policy", "api"]

    /// The targets of the repository at `root`.
    ///
    /// - Throws: when `Config/directory.yaml` or `Config/routing.yaml` cannot be read or loaded.
    public static func all(root: URL) throws -> [any FuzzTarget] {
        let config = root.appendingPathComponent("Config", isDirectory: true)
        let directoryText = try String(contentsOf: config.appendingPathComponent("directory.yaml"), encoding: .utf8)
        let policyText = try String(contentsOf: config.appendingPathComponent("routing.yaml"), encoding: .utf8)
        let directory = try Directory.load(yaml: directoryText, file: "directory.yaml")
        let corpus = FuzzCorpus(root: root)
        return [
            DecoderTarget(seeds: corpus.seeds(of: "decoder"), directory: directory),
            ConfigTarget.directory(seed: directoryText, other: policyText),
            ConfigTarget.policy(seed: policyText, other: directoryText),
            APITarget(directory: directory),
        ]
    }
}
