import Foundation
import Postgres
import Testing

@Suite("Type round trips", .timeLimit(.minutes(5)))
struct TypeRoundTripTests {
    struct Payload: Codable, Equatable, Sendable {
        var school: String
        var severity: Int
        var tags: [String]
    }

    static let vietnamese = "Trường THCS Bình Sơn — bạo lực học đường, đính chính"

    @Test
    func everySupportedTypeRoundTripsThroughATable() async throws {
        try await TestDatabase.withConnection { connection, _ in
            try await connection.executeScript(
                """
                CREATE TABLE sample (
                    i8 bigint, i4 integer, i2 smallint, n bigint, t text, b boolean, d double precision,
                    ts timestamptz, id uuid, raw bytea, doc jsonb, doc_json json,
                    names text[], numbers bigint[], ids uuid[]
                )
                """
            )
            let id = UUID()
            let when = Date(timeIntervalSince1970: 1_796_011_673.123456)
            let bytes = Data([0x00, 0xFF, 0x5C, 0x78, 0x0A, 0x00])
            let payload = Payload(school: Self.vietnamese, severity: 3, tags: ["a\"b", "c\\d"])
            let names = [
                "plain", "with space", "com,ma", "quo\"te", "back\\slash", "", "NULL", "{brace}", Self.vietnamese,
            ]
            let numbers: [Int64] = [Int64.min, -1, 0, Int64.max]
            let ids = [UUID(), UUID()]
            let inserted = try await connection.execute(
                """
                INSERT INTO sample VALUES (\(Int64.min), \(Int32(-2_147_483_648)), \(Int16(-32768)), \(-42),
                    \(Self.vietnamese), \(true), \(-1.5e-300), \(when), \(id), \(bytes),
                    \(PostgresJSON(payload)), \(PostgresJSON(payload)), \(names), \(numbers), \(ids))
                """
            )
            #expect(inserted == 1)
            try await connection.execute(
                """
                INSERT INTO sample VALUES (\(Int64?.none), \(Int32?.none), \(Int16?.none), \(Int?.none),
                    \(String?.none), \(Bool?.none), \(Double?.none), \(Date?.none), \(UUID?.none), \(Data?.none),
                    \(PostgresJSON<Payload>?.none), \(PostgresJSON<Payload>?.none), \([String]?.none),
                    \([Int64]?.none), \([UUID]?.none))
                """
            )
            let rows = try await connection.query("SELECT * FROM sample ORDER BY i8 NULLS LAST")
            #expect(rows.count == 2)
            let row = try #require(rows.first)
            #expect(try row.decode(Int64.self, column: "i8") == Int64.min)
            #expect(try row.decode(Int32.self, column: "i4") == Int32.min)
            #expect(try row.decode(Int16.self, column: "i2") == Int16.min)
            #expect(try row.decode(Int.self, at: 3) == -42)
            #expect(try row.decode(Bool.self, column: "b") == true)
            #expect(try row.decode(Double.self, column: "d") == -1.5e-300)
            #expect(try row.decode(Date.self, column: "ts") == when)
            #expect(try row.decode(UUID.self, column: "id") == id)
            #expect(try row.decode(Data.self, column: "raw") == bytes)
            #expect(try row.decode(PostgresJSON<Payload>.self, column: "doc").value == payload)
            #expect(try row.decode(PostgresJSON<Payload>.self, column: "doc_json").value == payload)
            #expect(try row.decode([String].self, column: "names") == names)
            #expect(try row.decode([Int64].self, column: "numbers") == numbers)
            #expect(try row.decode([UUID].self, column: "ids") == ids)
            let text = try row.decode(String.self, column: "t")
            #expect(Array(text.utf8) == Array(Self.vietnamese.utf8))
            #expect(text.precomposedStringWithCanonicalMapping.utf8.elementsEqual(text.utf8))

            let nulls = rows[1]
            #expect(try nulls.decode(Int64?.self, column: "i8") == nil)
            #expect(try nulls.decode(String?.self, column: "t") == nil)
            #expect(try nulls.decode(Date?.self, column: "ts") == nil)
            #expect(try nulls.decode(UUID?.self, column: "id") == nil)
            #expect(try nulls.decode(Data?.self, column: "raw") == nil)
            #expect(try nulls.decode(PostgresJSON<Payload>?.self, column: "doc") == nil)
            #expect(try nulls.decode([String]?.self, column: "names") == nil)
            for column in 0..<15 { #expect(nulls.isNull(at: column)) }
        }
    }

    @Test
    func textIsStoredByteForByteWithoutNormalisation() async throws {
        try await TestDatabase.withConnection { connection, _ in
            let composed = Self.vietnamese.precomposedStringWithCanonicalMapping
            let decomposed = Self.vietnamese.decomposedStringWithCanonicalMapping
            #expect(!Array(composed.utf8).elementsEqual(decomposed.utf8))
            let row = try #require(try await connection.query("SELECT \(composed) AS c, \(decomposed) AS d").first)
            #expect(Array(try row.decode(String.self, column: "c").utf8) == Array(composed.utf8))
            #expect(Array(try row.decode(String.self, column: "d").utf8) == Array(decomposed.utf8))
        }
    }

    @Test(arguments: ["UTC", "Asia/Ho_Chi_Minh", "America/St_Johns", "Asia/Kathmandu", "Pacific/Chatham"])
    func timestampsKeepMicrosecondsInEverySessionTimeZone(zone: String) async throws {
        try await TestDatabase.withConnection { connection, _ in
            try await connection.executeScript("SET TimeZone TO '\(zone)'")
            let instants = [
                Date(timeIntervalSince1970: 1_796_011_673.123456),
                Date(timeIntervalSince1970: -1_234_567_890.000001),
                Date(timeIntervalSince1970: 0.5),
            ]
            for instant in instants {
                let row = try #require(try await connection.query("SELECT \(instant)::timestamptz AS at").first)
                let decoded = try row.decode(Date.self, column: "at")
                #expect(
                    (decoded.timeIntervalSince1970 * 1e6).rounded() == (instant.timeIntervalSince1970 * 1e6).rounded(),
                    "\(zone): \(decoded) != \(instant)"
                )
            }
        }
    }

    @Test
    func arraysBindForBulkUnnestStatements() async throws {
        try await TestDatabase.withConnection { connection, _ in
            try await connection.executeScript("CREATE TABLE item (id uuid PRIMARY KEY, name text, rank bigint)")
            let ids = (0..<50).map { _ in UUID() }
            let names = (0..<50).map { "item \($0)\t\"quoted\"" }
            let ranks = (0..<50).map { Int64($0) - 25 }
            let inserted = try await connection.execute(
                """
                INSERT INTO item (id, name, rank)
                SELECT * FROM unnest(\(ids)::uuid[], \(names)::text[], \(ranks)::bigint[])
                """
            )
            #expect(inserted == 50)
            let row = try #require(try await connection.query("SELECT name, rank FROM item WHERE id = \(ids[7])").first)
            #expect(try row.decode(String.self, column: "name") == names[7])
            #expect(try row.decode(Int64.self, column: "rank") == -18)
            let nullable = try await connection.query("SELECT \([String?]([nil, "x", "NULL"])) AS a").first
            #expect(try nullable?.decode([String?].self, at: 0) == [nil, "x", "NULL"])
        }
    }

    @Test
    func valueThatDoesNotFitFailsNamingColumnAndType() async throws {
        try await TestDatabase.withConnection { connection, _ in
            let row = try #require(
                try await connection.query("SELECT 'abc'::text AS label, NULL::bigint AS missing").first
            )
            let mismatch = try #require(throws: PostgresError.self) { try row.decode(Int64.self, column: "label") }
            #expect(mismatch.code == .decoding)
            #expect(mismatch.message.contains("\"label\"") && mismatch.message.contains("text"))
            #expect(mismatch.message.contains("Int64"))
            let null = try #require(throws: PostgresError.self) { try row.decode(Int64.self, column: "missing") }
            #expect(null.code == .decoding && null.message.contains("NULL"))
            let absent = try #require(throws: PostgresError.self) { try row.decode(Int64.self, column: "nope") }
            #expect(absent.message.contains("nope"))
            #expect(throws: PostgresError.self) { try row.decode(Int64.self, at: 9) }
        }
    }

    @Test
    func unescapedAndIdentifierInterpolationSpliceSQL() async throws {
        try await TestDatabase.withConnection { connection, _ in
            let table = "odd \"name\""
            try await connection.execute("CREATE TABLE \(identifier: table) (v integer)")
            try await connection.execute("INSERT INTO \(identifier: table) VALUES (\(Int32(7)))")
            let order = "DESC"
            let row = try #require(
                try await connection.query("SELECT v FROM \(identifier: table) ORDER BY v \(unescaped: order)").first
            )
            #expect(try row.decode(Int32.self, at: 0) == 7)
        }
    }
}
