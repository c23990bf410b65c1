/// A message received on a channel this connection `LISTEN`s to.
public struct PostgresNotification: Sendable, Hashable {
    /// The channel name given to `NOTIFY`.
    public var channel: String
    /// The payload string (empty when none was sent).
    public var payload: String
    /// The server process id of the session that sent it.
    public var backendPID: Int32
}
