/// The result of a statement: its columns, its rows (already read into memory) and the
/// number of rows it affected.
public struct PostgresRows: Sendable, RandomAccessCollection {
    /// The result columns in order.
    public var columns: [PostgresColumn] { storage.columns }
    /// Rows inserted, updated, deleted, copied or selected, as reported by the server
    /// (`PQcmdTuples`); 0 for statements that report none.
    public let affectedRows: Int
    /// The command tag, e.g. `INSERT 0 1`.
    public let commandTag: String

    let storage: PostgresResultStorage

    init(storage: PostgresResultStorage, affectedRows: Int, commandTag: String) {
        self.storage = storage
        self.affectedRows = affectedRows
        self.commandTag = commandTag
    }

    /// The index of the first row.
    public var startIndex: Int { 0 }
    /// One past the index of the last row.
    public var endIndex: Int { storage.rowCount }
    /// The row at `position`.
    public subscript(position: Int) -> PostgresRow { PostgresRow(storage: storage, index: position) }
}

/// A result column: its name and PostgreSQL type.
public struct PostgresColumn: Sendable, Hashable {
    /// The column name (or alias) as the server reports it.
    public var name: String
    /// The column's type.
    public var dataType: PostgresDataType
}

/// The cell values of one result, shared by its rows. Immutable after creation.
final class PostgresResultStorage: Sendable {
    let columns: [PostgresColumn]
    let rowCount: Int
    /// Row-major text values; `nil` is SQL NULL.
    let values: [String?]
    private let indexByName: [String: Int]

    init(columns: [PostgresColumn], rowCount: Int, values: [String?]) {
        self.columns = columns
        self.rowCount = rowCount
        self.values = values
        // The first column wins when names repeat, as in most SQL clients.
        var indexByName: [String: Int] = [:]
        for (index, column) in columns.enumerated() where indexByName[column.name] == nil {
            indexByName[column.name] = index
        }
        self.indexByName = indexByName
    }

    func columnIndex(named name: String) -> Int? { indexByName[name] }
}
