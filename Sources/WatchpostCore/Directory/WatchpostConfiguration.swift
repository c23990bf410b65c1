import Foundation

/// The directory and the routing policy, loaded and validated together so that every problem
/// of both files is reported at once, as `file:line: message`.
public struct WatchpostConfiguration: Sendable {
    /// The organisation tree and officers.
    public var directory: Directory
    /// The routing policy.
    public var policy: Policy

    /// Loads `directory.yaml` and `routing.yaml`.
    /// - Throws: `ConfigError` with the problems of both files.
    public static func load(directoryFile: URL, policyFile: URL) throws(ConfigError) -> WatchpostConfiguration {
        var problems: [ConfigProblem] = []
        var directory: Directory?
        var policy: Policy?
        do {
            directory = try Directory.load(contentsOf: directoryFile)
        } catch {
            problems += error.problems
        }
        do {
            policy = try Policy.load(contentsOf: policyFile)
        } catch {
            problems += error.problems
        }
        guard let directory, let policy, problems.isEmpty else {
            throw ConfigError(problems: problems)
        }
        return WatchpostConfiguration(directory: directory, policy: policy)
    }
}
