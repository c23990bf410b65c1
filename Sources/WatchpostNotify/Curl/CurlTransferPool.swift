import CCurl
import Foundation
import Synchronization

/// A small set of dedicated threads that run blocking `curl_easy_perform` calls, so no
/// transfer ever blocks Swift's cooperative thread pool.
///
/// Transfers queue when every thread is busy; each transfer is bounded by its channel's
/// timeout, so a receiver that never answers holds one thread for at most that long. The
/// shared pool lives for the whole process, like libcurl's global state.
final class CurlTransferPool: Sendable {
    /// The process-wide pool. Eight threads: deliveries are few and slow, not many and fast.
    static let shared = CurlTransferPool(threadCount: 8)

    private struct Queue: ~Copyable {
        var jobs: [@Sendable () -> Void] = []
        var head = 0
    }

    private let queue = Mutex(Queue())
    private let available = DispatchSemaphore(value: 0)

    init(threadCount: Int) {
        for index in 0..<max(1, threadCount) {
            let thread = Thread { [self] in runWorker() }
            thread.name = "watchpost-curl-\(index)"
            thread.start()
        }
    }

    /// Runs `easy` on a pool thread and returns its result code.
    ///
    /// Cancelling the calling task aborts the transfer at libcurl's next progress tick
    /// (about once a second at worst, usually sooner) and then throws `CancellationError`.
    func perform(_ easy: CurlEasy) async throws -> CURLcode {
        let code = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<CURLcode, Never>) in
                submit { continuation.resume(returning: easy.performBlocking()) }
            }
        } onCancel: {
            easy.cancel()
        }
        if code == CURLE_ABORTED_BY_CALLBACK, easy.isCancelled { throw CancellationError() }
        return code
    }

    private func submit(_ job: @escaping @Sendable () -> Void) {
        queue.withLock { $0.jobs.append(job) }
        available.signal()
    }

    private func runWorker() {
        while true {
            available.wait()
            let job = queue.withLock { queue -> (@Sendable () -> Void)? in
                guard queue.head < queue.jobs.count else { return nil }
                let job = queue.jobs[queue.head]
                queue.head += 1
                // Compact now and then so the array does not grow for ever.
                if queue.head > 64, queue.head * 2 > queue.jobs.count {
                    queue.jobs.removeFirst(queue.head)
                    queue.head = 0
                }
                return job
            }
            job?()
        }
    }
}
