import Foundation
import Testing

/// `watchpost directory check`, run from the built binary without a database: schools without a
/// monitor are warnings, which fail the command only with `--strict`.
@Suite(.timeLimit(.minutes(3)))
struct DirectoryCheckCommandTests {
    /// Every delivery goes to the console, so only the monitor warnings remain.
    static let environment: [String: String?] = ["WATCHPOST_DEV_DELIVERY": "console"]

    /// A configuration folder with the shipped policy and the shipped directory as `edit` leaves it.
    static func configFolder(_ edit: (String) -> String = { $0 }) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("directory-check-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: PipelinePaths.config.appendingPathComponent("routing.yaml"),
            to: folder.appendingPathComponent("routing.yaml")
        )
        let directory = try String(
            contentsOf: PipelinePaths.config.appendingPathComponent("directory.yaml"),
            encoding: .utf8
        )
        try edit(directory).write(
            to: folder.appendingPathComponent("directory.yaml"),
            atomically: true,
            encoding: .utf8
        )
        return folder
    }

    @Test func shippedDirectoryPassesTheStrictCheck() async throws {
        let folder = try Self.configFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try await PublishHarness.run(
            ["directory", "check", "--strict", "--config-dir", folder.path],
            environment: Self.environment
        )
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("0 warning(s)"), "stdout: \(run.stdout)")
    }

    @Test func schoolWithoutMonitorIsAWarningAndFailsOnlyWithStrict() async throws {
        let monitor = "    unit: thcs-binh-son\n    roles: [monitor]\n"
        let folder = try Self.configFolder { directory in
            #expect(directory.contains(monitor))
            return directory.replacingOccurrences(of: monitor, with: "    unit: thcs-binh-son\n    roles: [deputy]\n")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("directory.yaml")
        let lines = try String(contentsOf: file, encoding: .utf8).split(
            separator: "\n",
            omittingEmptySubsequences: false
        )
        let line = try #require(lines.firstIndex { $0 == "  - id: thcs-binh-son" }) + 1
        let expected = "\(file.path):\(line): warning: school `thcs-binh-son` has no officer with role `monitor`"

        let lenient = try await PublishHarness.run(
            ["directory", "check", "--config-dir", folder.path],
            environment: Self.environment
        )
        #expect(lenient.status == 0, "stderr: \(lenient.stderr)")
        #expect(lenient.stderr.contains(expected), "stderr: \(lenient.stderr)")
        #expect(lenient.stdout.contains("1 warning(s)"), "stdout: \(lenient.stdout)")

        let strict = try await PublishHarness.run(
            ["directory", "check", "--strict", "--config-dir", folder.path],
            environment: Self.environment
        )
        #expect(strict.status == 1)
        #expect(strict.stderr.contains(expected), "stderr: \(strict.stderr)")
    }
}
