import Foundation
import Testing
import WatchpostTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// `ChildProcess`, which starts every program the tests run: how a child ends is reported as
/// Foundation reported it, its input and output go where they are sent, and it starts clean
/// (no blocked signal, no descriptor of the test process).
@Suite(.timeLimit(.minutes(1)))
struct ChildProcessTests {
    @Test func exitCodeAndTerminatingSignalAreReported() async throws {
        #expect(try await ChildProcess.run("/bin/sh", ["-c", "exit 3"]) == 3)
        #expect(try await ChildProcess.run("/bin/sh", ["-c", "kill -TERM $$"]) == SIGTERM)
    }

    @Test func standardInputIsFedAndBothOutputsAreCapturedApart() async throws {
        let run = try await ChildProcess.capture(
            "/bin/sh",
            ["-c", "cat; echo 'lỗi' >&2"],
            environment: ["PATH": "/usr/bin:/bin"],
            stdin: "Tin sai sự thật\n"
        )
        #expect(run.status == 0)
        #expect(run.stdout == "Tin sai sự thật\n")
        #expect(run.stderr == "lỗi\n")
    }

    @Test func theChildHasNoBlockedSignalAndOnlyItsThreeStandardDescriptors() async throws {
        // A descriptor the test process holds open without close-on-exec.
        let held = open("/dev/null", O_RDONLY)
        #expect(held > 2)
        defer { close(held) }
        // The spawning thread blocks SIGTERM; the child must not inherit that. grep reads its own
        // status, as the direct child: a shell would show its own mask, which dash fills while it
        // waits for a command.
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("mask-\(UUID())")
        defer { try? FileManager.default.removeItem(at: output) }
        var blocked = sigset_t()
        var previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        let child = Result {
            try ChildProcess("/bin/grep", ["^SigBlk", "/proc/self/status"], stdout: .file(output.path))
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        #expect(try await child.get().wait() == 0)
        #expect(try String(contentsOf: output, encoding: .utf8) == "SigBlk:\t0000000000000000\n")
        let descriptors = try await ChildProcess.capture(
            "/bin/sh",
            ["-c", "ls /proc/$$/fd"],
            environment: ["PATH": "/usr/bin:/bin"]
        )
        #expect(descriptors.status == 0, "\(descriptors.stderr)")
        #expect(descriptors.stdout.split(separator: "\n").sorted() == ["0", "1", "2"], "\(descriptors.stdout)")
    }

    @Test func aKilledChildIsReapedAndNoLongerRunning() async throws {
        let child = try ChildProcess("/bin/sleep", ["600"])
        #expect(child.isRunning)
        child.send(SIGKILL)
        #expect(await child.wait() == SIGKILL)
        #expect(!child.isRunning && child.exitStatus == SIGKILL)
        child.send(SIGKILL)  // after the reaping: does nothing, whoever holds the pid now
    }
}
