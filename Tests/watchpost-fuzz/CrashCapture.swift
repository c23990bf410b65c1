#if canImport(Glibc)
    import Glibc
#endif

/// Keeps a copy of the input being checked so that, if checking it crashes the process (a trap,
/// a stack overflow), a signal handler can still write it to a file before the process dies.
///
/// Only async-signal-safe calls (`open`, `write`, `close`, `raise`) run in the handler, on its
/// own stack so that a stack overflow can be caught too.
enum CrashCapture {
    // The handler can take no context, so the state is global; only the main thread writes it,
    // and only the handler of a dying process reads it.
    nonisolated(unsafe) private static var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1, alignment: 1)
    nonisolated(unsafe) private static var count = 0
    nonisolated(unsafe) private static var path: UnsafeMutablePointer<CChar>?

    /// Installs the handlers for inputs of up to `maximumSize` bytes.
    static func install(maximumSize: Int) {
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: maximumSize, alignment: 1)
        let stackSize = 256 * 1024
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: stackSize, alignment: 16)
        stack.ss_size = stackSize
        sigaltstack(&stack, nil)
        for signal in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = saveInputAndDie
            action.sa_flags = SA_ONSTACK
            sigaction(signal, &action, nil)
        }
    }

    /// Names the file a crash writes the current input to.
    static func writeCrashes(to file: String) {
        free(path)
        path = strdup(file)
    }

    /// Remembers `input` as the one being checked.
    static func keep(_ input: [UInt8]) {
        count = min(input.count, buffer.count)
        input.withUnsafeBytes { bytes in
            if let source = bytes.baseAddress, count > 0 {
                buffer.baseAddress?.copyMemory(from: source, byteCount: count)
            }
        }
    }

    /// Writes the kept input to the named file; called only from `saveInputAndDie`.
    fileprivate static func saveInput() {
        guard let path else { return }
        let file = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard file >= 0 else { return }
        _ = write(file, buffer.baseAddress, count)
        close(file)
    }
}

/// The signal handler: saves the input, then dies of the same signal so that the exit status
/// says what happened.
private func saveInputAndDie(_ signal: Int32) {
    CrashCapture.saveInput()
    _ = Glibc.signal(signal, SIG_DFL)
    raise(signal)
}
