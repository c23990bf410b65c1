import Foundation
import Postgres
import Testing

/// Random values sent as parameters read back by the server as what they were meant to be:
/// each check asks PostgreSQL itself to take the value apart, so the client's own decoders
/// are not what is being trusted.
@Suite("Encoding against the server", .timeLimit(.minutes(5)))
struct EncodingServerTests {
    @Test
    func textArrayElementsArriveIntact() async throws {
        try await TestDatabase.withConnection { connection, _ in
            var random = SampleGenerator(state: 11)
            for _ in 0..<10 {
                let elements: [String?] =
                    (0..<200).map { _ in
                        Int.random(in: 0..<10, using: &random) == 0 ? nil : random.string()
                    } + [nil, "", "NULL", "\\", "\""]
                let rows = try await connection.query(
                    "SELECT elem FROM unnest(\(elements)::text[]) WITH ORDINALITY AS t(elem, ord) ORDER BY ord"
                )
                #expect(try rows.map { try $0.decode(String?.self, at: 0) } == elements)
            }
        }
    }

    @Test
    func nestedLiteralsInsideTextArraysArriveIntact() async throws {
        try await TestDatabase.withConnection { connection, _ in
            var random = SampleGenerator(state: 12)
            let inner = (0..<100).map { _ in (0..<Int.random(in: 0...4, using: &random)).map { _ in random.string() } }
            let literals = try inner.map { try $0.postgresText() ?? "{}" }
            let rows = try await connection.query(
                """
                SELECT e.elem FROM unnest(\(literals)::text[]) WITH ORDINALITY AS n(lit, ord),
                    unnest(n.lit::text[]) WITH ORDINALITY AS e(elem, eord)
                ORDER BY n.ord, e.eord
                """
            )
            #expect(try rows.map { try $0.decode(String.self, at: 0) } == inner.flatMap { $0 })
        }
    }

    @Test
    func timestampsArriveAsTheirMicroseconds() async throws {
        try await TestDatabase.withConnection { connection, _ in
            var random = SampleGenerator(state: 13)
            let micros =
                (0..<500).map { _ in max(random.microseconds(), -210_866_716_800_000_000) }
                + [0, -1, 1, -62_135_596_800_000_001, -62_135_596_800_000_000]
            let dates = micros.map { Date(timeIntervalSince1970: Double($0) / 1_000_000) }
            let sent = dates.map { Int64(($0.timeIntervalSince1970 * 1_000_000).rounded()) }
            let rows = try await connection.query(
                """
                SELECT (extract(epoch FROM ts) * 1000000)::bigint
                FROM unnest(\(dates)::timestamptz[]) WITH ORDINALITY AS t(ts, ord) ORDER BY ord
                """
            )
            #expect(try rows.map { try $0.decode(Int64.self, at: 0) } == sent)
            for date in dates.prefix(20) {
                let row = try #require(
                    try await connection.query("SELECT (extract(epoch FROM \(date)) * 1000000)::bigint").first
                )
                #expect(try row.decode(Int64.self, at: 0) == Int64((date.timeIntervalSince1970 * 1_000_000).rounded()))
            }
        }
    }

    @Test
    func uuidsBytesAndNumbersArriveIntact() async throws {
        try await TestDatabase.withConnection { connection, _ in
            var random = SampleGenerator(state: 14)
            let ids = (0..<300).map { _ in random.uuid() }
            let idRows = try await connection.query(
                "SELECT id::text FROM unnest(\(ids)::uuid[]) WITH ORDINALITY AS t(id, ord) ORDER BY ord"
            )
            #expect(try idRows.map { try $0.decode(String.self, at: 0) } == ids.map { $0.uuidString.lowercased() })

            let blobs = (0..<100).map { _ in random.bytes() }
            let hex = blobs.map { PostgresByteaHex.text(Array($0)) }
            let blobRows = try await connection.query(
                "SELECT encode(b::bytea, 'hex') FROM unnest(\(hex)::text[]) WITH ORDINALITY AS t(b, ord) ORDER BY ord"
            )
            let expectedHex = blobs.map { blob in blob.map { String(Int($0) + 0x100, radix: 16).dropFirst() }.joined() }
            #expect(try blobRows.map { try $0.decode(String.self, at: 0) } == expectedHex)
            for (blob, expected) in zip(blobs, expectedHex).prefix(10) {
                let row = try #require(
                    try await connection.query("SELECT encode(\(blob), 'hex'), length(\(blob))").first
                )
                #expect(try row.decode(String.self, at: 0) == expected)
                #expect(try row.decode(Int.self, at: 1) == blob.count)
            }

            let numbers = (0..<300).map { _ in Int64(bitPattern: random.next()) } + [.min, .max, 0]
            let numberRows = try await connection.query(
                "SELECT n::text FROM unnest(\(numbers)::bigint[]) WITH ORDINALITY AS t(n, ord) ORDER BY ord"
            )
            #expect(try numberRows.map { try $0.decode(String.self, at: 0) } == numbers.map { String($0) })

            let doubles = (0..<300).map { _ in random.double() }
            let doubleRows = try await connection.query(
                "SELECT d FROM unnest(\(doubles)::float8[]) WITH ORDINALITY AS t(d, ord) ORDER BY ord"
            )
            let decoded = try doubleRows.map { try $0.decode(Double.self, at: 0) }
            #expect(decoded.count == doubles.count)
            for (back, sent) in zip(decoded, doubles) {
                #expect(back.bitPattern == sent.bitPattern || (back.isNaN && sent.isNaN))
            }
        }
    }

    @Test
    func preparedStatementsTakeTheSameParameters() async throws {
        try await TestDatabase.withConnection { connection, _ in
            let statement = PostgresPreparedStatement(
                name: "encoding_check",
                sql: "SELECT $1::text[] = ARRAY['a\"b', NULL, 'c\\d', '', 'NULL']::text[], $2::uuid::text, $3::bigint"
            )
            let id = UUID()
            let elements: [String?] = ["a\"b", nil, "c\\d", "", "NULL"]
            for _ in 0..<2 {
                let row = try #require(try await connection.query(statement, [elements, id, Int64.min]).first)
                #expect(try row.decode(Bool.self, at: 0))
                #expect(try row.decode(String.self, at: 1) == id.uuidString.lowercased())
                #expect(try row.decode(Int64.self, at: 2) == .min)
            }
        }
    }
}
