import Foundation

extension ChildProcess {
    /// What a program printed and how it ended.
    public struct Finished: Sendable {
        /// Its exit code, or the signal that ended it.
        public var status: Int32
        /// What it wrote to standard output.
        public var stdout: String
        /// What it wrote to standard error.
        public var stderr: String
    }

    /// Runs a program to completion, feeding it `stdin` and capturing what it prints. Through
    /// files rather than pipes: a full pipe would stall a child while nobody reads it.
    public static func capture(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        stdin: String = ""
    ) async throws -> Finished {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("watchpost-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("stdin")
        let output = folder.appendingPathComponent("stdout")
        let errors = folder.appendingPathComponent("stderr")
        try Data(stdin.utf8).write(to: input)
        let status = try await run(
            executable,
            arguments,
            environment: environment,
            stdin: .file(input.path),
            stdout: .file(output.path),
            stderr: .file(errors.path)
        )
        return Finished(
            status: status,
            stdout: String(decoding: try Data(contentsOf: output), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errors), as: UTF8.self)
        )
    }
}
