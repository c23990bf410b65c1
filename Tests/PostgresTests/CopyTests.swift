import Foundation
import Postgres
import Testing

@Suite("COPY FROM STDIN", .timeLimit(.minutes(5)))
struct CopyTests {
    static func label(_ index: Int) -> String? {
        switch index % 5 {
        case 0: return nil
        case 1: return "tab\there \(index)"
        case 2: return "line\nbreak\r\n\(index)"
        case 3: return "back\\slash \\N \\. \(index)"
        default: return "Bình Sơn \(index)"
        }
    }

    @Test
    func tenThousandRowsWithSpecialCharactersAreCopied() async throws {
        try await TestDatabase.withConnection { connection, _ in
            try await connection.execute(
                "CREATE TABLE entry (n bigint PRIMARY KEY, label text, at timestamptz, raw bytea, id uuid)"
            )
            let base = Date(timeIntervalSince1970: 1_796_011_673.5)
            let ids = (0..<10_000).map { _ in UUID() }
            let rows = (0..<10_000).lazy.map { index -> [(any PostgresEncodable)?] in
                [
                    Int64(index), Self.label(index), base.addingTimeInterval(Double(index) / 1000),
                    index % 7 == 0 ? nil : Data([0x00, 0x09, 0x0A, 0x5C, 0xFF, UInt8(index % 256)]), ids[index],
                ]
            }
            let copied = try await connection.copyFrom(
                table: "public.entry",
                columns: ["n", "label", "at", "raw", "id"],
                rows: rows
            )
            #expect(copied == 10_000)
            let count = try await connection.query("SELECT count(*), count(label), count(raw) FROM entry")
            #expect(try count[0].decode(Int64.self, at: 0) == 10_000)
            #expect(try count[0].decode(Int64.self, at: 1) == 8_000)
            #expect(try count[0].decode(Int64.self, at: 2) == 10_000 - 1_429)
            for index in [0, 1, 2, 3, 4, 7, 4_999, 9_998, 9_999] {
                let row = try #require(try await connection.query("SELECT * FROM entry WHERE n = \(index)").first)
                #expect(try row.decode(String?.self, column: "label") == Self.label(index), "row \(index)")
                let at = try row.decode(Date.self, column: "at")
                #expect(microseconds(at) == microseconds(base) + Int64(index) * 1000)
                let expectedRaw = index % 7 == 0 ? nil : Data([0x00, 0x09, 0x0A, 0x5C, 0xFF, UInt8(index % 256)])
                #expect(try row.decode(Data?.self, column: "raw") == expectedRaw)
                #expect(try row.decode(UUID.self, column: "id") == ids[index])
            }
        }
    }

    @Test
    func failedCopyInsertsNothingAndLeavesConnectionUsable() async throws {
        try await TestDatabase.withConnection { connection, _ in
            try await connection.execute("CREATE TABLE entry (n bigint PRIMARY KEY)")
            let rows: [[(any PostgresEncodable)?]] = [[Int64(1)], [Int64(2)], [Int64(1)]]
            let error = await #expect(throws: PostgresError.self) {
                try await connection.copyFrom(table: "entry", columns: ["n"], rows: rows)
            }
            #expect(error?.sqlState == "23505")
            let wrongWidth: [[(any PostgresEncodable)?]] = [[Int64(1), "extra"]]
            let widthError = await #expect(throws: PostgresError.self) {
                try await connection.copyFrom(table: "entry", columns: ["n"], rows: wrongWidth)
            }
            #expect(widthError?.code == .encoding)
            let count = try await connection.query("SELECT count(*) FROM entry")
            #expect(try count[0].decode(Int64.self, at: 0) == 0)
        }
    }
}

/// A date's whole microseconds since 1970, the precision PostgreSQL keeps.
func microseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
}
