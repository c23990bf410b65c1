/// What one `DirectorySync.sync` changed; all zero when the directory was already in the store.
public struct DirectorySyncReport: Sendable, Hashable, CustomStringConvertible {
    /// Units new to the store.
    public var unitsAdded = 0
    /// Units whose fields changed (e.g. a school moved to another commune or authority).
    public var unitsChanged = 0
    /// Units that left the directory and were retired (never deleted).
    public var unitsRetired = 0
    /// Retired units that came back.
    public var unitsRestored = 0
    /// Officers new to the store.
    public var officersAdded = 0
    /// Officers whose fields changed.
    public var officersChanged = 0
    /// Officers that left the directory and were retired.
    public var officersRetired = 0
    /// Retired officers that came back.
    public var officersRestored = 0

    /// Creates an empty report.
    public init() {}

    /// Whether the sync changed nothing.
    public var isEmpty: Bool { self == DirectorySyncReport() }

    /// A one-line summary for logs.
    public var description: String {
        "units +\(unitsAdded) ~\(unitsChanged) -\(unitsRetired) ↺\(unitsRestored); "
            + "officers +\(officersAdded) ~\(officersChanged) -\(officersRetired) ↺\(officersRestored)"
    }
}
