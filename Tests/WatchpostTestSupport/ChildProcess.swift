import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A program the tests start with `posix_spawn`, and one thread that reaps it.
///
/// The tests do not use `Foundation.Process`: on this toolchain its `run()` can crash the
/// whole test process while it scans `/proc/self/fd` (swift-corelibs-foundation #5472).
/// The child starts with an empty signal mask and default handlers, and with only its three
/// standard descriptors: whatever else the test process holds open (sockets, pipes, log
/// files) is closed, so a server the child leaves running cannot keep them alive.
public final class ChildProcess: Sendable {
    /// Where one of the child's standard streams goes.
    public enum Stream: Sendable {
        /// `/dev/null`.
        case null
        /// This file: read from the start for input; for output, truncated first unless
        /// `append`. It is created if missing.
        case file(String, append: Bool = false)
        /// The same place as standard output (for standard error only).
        case standardOutput
    }

    /// The process ID.
    public let pid: pid_t
    private let state = Mutex<State>(State())

    private struct State {
        var status: Int32?
        var waiters: [CheckedContinuation<Int32, Never>] = []
    }

    /// Starts `executable` (a path) with `arguments`; `environment` replaces the test
    /// process's environment when given.
    public init(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        stdin: Stream = .null,
        stdout: Stream = .null,
        stderr: Stream = .null
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        try Self.redirect(0, to: stdin, actions: &actions)
        try Self.redirect(1, to: stdout, actions: &actions)
        try Self.redirect(2, to: stderr, actions: &actions)
        try Self.check(Self.closeFrom(&actions, 3), "closing inherited descriptors")

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let environmentLines =
            (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environmentLines.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        try Self.check(result, "starting \(executable)")
        pid = child
        // The thread holds the object until the child has been reaped.
        Thread.detachNewThread { [self] in
            var raw: Int32 = 0
            var reaped: pid_t
            repeat { reaped = waitpid(pid, &raw, 0) } while reaped == -1 && errno == EINTR
            // As Foundation reports it: the exit code, or the signal that ended it; -1 when the
            // child could not be waited for (someone else reaped it).
            let status = reaped != pid ? -1 : (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : raw & 0x7f
            let waiters = state.withLock { state in
                state.status = status
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(returning: status) }
        }
    }

    /// Whether it has not been reaped yet.
    public var isRunning: Bool { exitStatus == nil }

    /// Its exit code (or the signal that ended it) once it has exited, else nil.
    public var exitStatus: Int32? { state.withLock { $0.status } }

    /// Sends `signal` to it unless it has already been reaped (its pid may then be reused).
    public func send(_ signal: Int32) {
        state.withLock { state in
            if state.status == nil { _ = kill(pid, signal) }
        }
    }

    /// Waits until it exits; returns ``exitStatus``.
    public func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            let status = state.withLock { state -> Int32? in
                if state.status == nil { state.waiters.append(continuation) }
                return state.status
            }
            if let status { continuation.resume(returning: status) }
        }
    }

    /// Runs a program to completion and returns how it ended.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        stdin: Stream = .null,
        stdout: Stream = .null,
        stderr: Stream = .null
    ) async throws -> Int32 {
        try await ChildProcess(
            executable,
            arguments,
            environment: environment,
            stdin: stdin,
            stdout: stdout,
            stderr: stderr
        ).wait()
    }

    /// A start that failed, with the `errno` it failed with.
    public struct SpawnError: Error, CustomStringConvertible {
        /// What was being done.
        public var action: String
        /// The error number.
        public var code: Int32
        /// The action and the system's text for the error.
        public var description: String { "\(action): \(String(cString: strerror(code)))" }
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's
    /// Glibc module hides behind `_GNU_SOURCE`.
    private static let closeFrom: @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32 = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np") else {
            fatalError("glibc 2.34 or later is required: posix_spawn_file_actions_addclosefrom_np is missing")
        }
        return unsafeBitCast(
            symbol,
            to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self
        )
    }()

    private static func check(_ result: Int32, _ action: String) throws {
        guard result == 0 else { throw SpawnError(action: action, code: result) }
    }

    private static func redirect(
        _ descriptor: Int32,
        to stream: Stream,
        actions: inout posix_spawn_file_actions_t
    ) throws {
        let result: Int32
        switch stream {
        case .null:
            result = posix_spawn_file_actions_addopen(
                &actions,
                descriptor,
                "/dev/null",
                descriptor == 0 ? O_RDONLY : O_WRONLY,
                0
            )
        case .file(let path, _) where descriptor == 0:
            result = posix_spawn_file_actions_addopen(&actions, descriptor, path, O_RDONLY, 0)
        case .file(let path, let append):
            let flags = O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC)
            result = posix_spawn_file_actions_addopen(&actions, descriptor, path, flags, 0o644)
        case .standardOutput:
            result = posix_spawn_file_actions_adddup2(&actions, 1, descriptor)
        }
        try check(result, "redirecting descriptor \(descriptor)")
    }
}
