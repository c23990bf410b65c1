/// A PostgreSQL type, identified by its OID in `pg_type`.
public struct PostgresDataType: Hashable, Sendable, CustomStringConvertible {
    /// The type's OID.
    public var oid: UInt32

    /// Creates a type from its OID.
    public init(oid: UInt32) { self.oid = oid }

    /// Lets the server infer the type from the statement (libpq's OID 0).
    public static let unspecified = PostgresDataType(oid: 0)
    /// `boolean`.
    public static let bool = PostgresDataType(oid: 16)
    /// `bytea`.
    public static let bytea = PostgresDataType(oid: 17)
    /// `bigint`.
    public static let int8 = PostgresDataType(oid: 20)
    /// `smallint`.
    public static let int2 = PostgresDataType(oid: 21)
    /// `integer`.
    public static let int4 = PostgresDataType(oid: 23)
    /// `text`.
    public static let text = PostgresDataType(oid: 25)
    /// `json`.
    public static let json = PostgresDataType(oid: 114)
    /// `double precision`.
    public static let float8 = PostgresDataType(oid: 701)
    /// `varchar`.
    public static let varchar = PostgresDataType(oid: 1043)
    /// `timestamp` (without time zone).
    public static let timestamp = PostgresDataType(oid: 1114)
    /// `timestamptz`.
    public static let timestamptz = PostgresDataType(oid: 1184)
    /// `uuid`.
    public static let uuid = PostgresDataType(oid: 2950)
    /// `jsonb`.
    public static let jsonb = PostgresDataType(oid: 3802)
    /// `boolean[]`.
    public static let boolArray = PostgresDataType(oid: 1000)
    /// `smallint[]`.
    public static let int2Array = PostgresDataType(oid: 1005)
    /// `integer[]`.
    public static let int4Array = PostgresDataType(oid: 1007)
    /// `text[]`.
    public static let textArray = PostgresDataType(oid: 1009)
    /// `bigint[]`.
    public static let int8Array = PostgresDataType(oid: 1016)
    /// `double precision[]`.
    public static let float8Array = PostgresDataType(oid: 1022)
    /// `timestamptz[]`.
    public static let timestamptzArray = PostgresDataType(oid: 1185)
    /// `uuid[]`.
    public static let uuidArray = PostgresDataType(oid: 2951)

    private static let names: [UInt32: String] = [
        0: "unspecified", 16: "boolean", 17: "bytea", 20: "bigint", 21: "smallint", 23: "integer",
        25: "text", 114: "json", 700: "real", 701: "double precision", 1043: "varchar", 1082: "date",
        1114: "timestamp", 1184: "timestamptz", 1700: "numeric", 2950: "uuid", 3802: "jsonb",
        1000: "boolean[]", 1005: "smallint[]", 1007: "integer[]", 1009: "text[]", 1016: "bigint[]",
        1022: "double precision[]", 1185: "timestamptz[]", 2951: "uuid[]",
    ]

    /// The SQL name of well-known types, otherwise `oid <n>`.
    public var description: String { Self.names[oid] ?? "oid \(oid)" }
}
