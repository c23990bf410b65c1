import CLibPQ

extension LibPQConnection {
    /// Returns a notification already received, or waits up to `timeoutMilliseconds` for the
    /// socket to become readable and returns one if it arrived; `nil` when none came.
    func nextNotification(timeoutMilliseconds: Int32) throws -> PostgresNotification? {
        let handle = try open()
        if let notification = takeNotification(handle) { return notification }
        guard PQconsumeInput(handle) == 1 else { throw lostError("Waiting for notifications failed") }
        if let notification = takeNotification(handle) { return notification }
        switch watchpost_pq_wait_readable(handle, timeoutMilliseconds) {
        case 0:
            return nil
        case 1:
            guard PQconsumeInput(handle) == 1 else { throw lostError("Waiting for notifications failed") }
            return takeNotification(handle)
        default:
            throw lostError("Waiting on the connection's socket failed")
        }
    }

    private func takeNotification(_ handle: OpaquePointer) -> PostgresNotification? {
        guard let notify = PQnotifies(handle) else { return nil }
        defer { PQfreemem(notify) }
        return PostgresNotification(
            channel: String(cString: notify.pointee.relname),
            payload: notify.pointee.extra.map { String(cString: $0) } ?? "",
            backendPID: notify.pointee.be_pid
        )
    }
}
