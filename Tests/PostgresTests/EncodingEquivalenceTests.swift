import Foundation
import Testing

@testable import Postgres

/// The byte-writing encoders give exactly the text the String-building ones gave (`LegacyText`),
/// through `postgresText()`, through `appendPostgresText(to:)` and through a statement's
/// parameter buffer.
@Suite("Encoding equivalence")
struct EncodingEquivalenceTests {
    /// What a value contributes to a statement's parameters.
    static func parameter(_ value: any PostgresEncodable) throws -> String? {
        try PostgresParameters([value]).text(at: 0)
    }

    /// Checks `value` against `expected` on every path, including after unrelated bytes.
    static func check(
        _ value: any PostgresEncodable,
        _ expected: String?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(try value.postgresText() == expected, sourceLocation: sourceLocation)
        var buffer = Array("prefix".utf8)
        let wrote = try value.appendPostgresText(to: &buffer)
        #expect(wrote == (expected != nil), sourceLocation: sourceLocation)
        #expect(buffer == Array("prefix".utf8) + Array((expected ?? "").utf8), sourceLocation: sourceLocation)
        if expected?.utf8.contains(0) != true {
            #expect(try parameter(value) == expected, sourceLocation: sourceLocation)
        }
    }

    @Test
    func integersAtTheirLimits() throws {
        for value: Int64 in [.min, .min + 1, -1_000_000, -10, -9, -1, 0, 1, 9, 10, 99, 100, 1_000_000, .max - 1, .max] {
            try Self.check(value, LegacyText.int(value))
            try Self.check(Int(value), LegacyText.int(Int(value)))
        }
        for value: Int32 in [.min, -1, 0, 7, .max] { try Self.check(value, LegacyText.int(value)) }
        for value: Int16 in [.min, -1, 0, 7, .max] { try Self.check(value, LegacyText.int(value)) }
        var random = SampleGenerator(state: 1)
        for _ in 0..<2_000 {
            let value = Int64(bitPattern: random.next()) >> Int.random(in: 0...63, using: &random)
            try Self.check(value, LegacyText.int(value))
        }
    }

    @Test
    func scalars() throws {
        try Self.check(true, "t")
        try Self.check(false, "f")
        var random = SampleGenerator(state: 2)
        for _ in 0..<2_000 {
            let value = random.double()
            try Self.check(value, LegacyText.double(value))
        }
    }

    @Test
    func uuids() throws {
        var random = SampleGenerator(state: 3)
        let fixed = [
            UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255)),
        ]
        for value in fixed + (0..<2_000).map({ _ in random.uuid() }) {
            try Self.check(value, LegacyText.uuid(value))
        }
    }

    @Test
    func dates() throws {
        var random = SampleGenerator(state: 4)
        let fixed: [Int64] = [
            0, -1, 1, 999_999, -999_999, 1_796_011_673_123_456, -62_135_596_800_000_001,
            -62_135_596_800_000_000, 253_402_300_799_999_999, 253_402_300_800_000_000,
        ]
        for micros in fixed + (0..<5_000).map({ _ in random.microseconds() }) {
            #expect(TimestampText.format(microseconds: micros) == LegacyText.timestamp(microseconds: micros))
            let date = Date(timeIntervalSince1970: Double(micros) / 1_000_000)
            try Self.check(date, LegacyText.date(date))
        }
        for _ in 0..<2_000 {
            let date = Date(timeIntervalSince1970: Double.random(in: -1e11...1e11, using: &random))
            try Self.check(date, LegacyText.date(date))
        }
        for date in [Date(timeIntervalSince1970: 1e16), Date(timeIntervalSince1970: .nan)] {
            #expect(throws: PostgresError.self) { try date.postgresText() }
            var buffer: [UInt8] = []
            #expect(throws: PostgresError.self) { try date.appendPostgresText(to: &buffer) }
        }
    }

    @Test
    func bytes() throws {
        var random = SampleGenerator(state: 5)
        for _ in 0..<2_000 {
            let value = random.bytes()
            try Self.check(value, LegacyText.data(value))
            #expect(PostgresByteaHex.text(Array(value)) == LegacyText.data(value))
            #expect(Data.decode(postgresText: LegacyText.data(value), type: .bytea) == value)
        }
        #expect(Data.decode(postgresText: "\\x0g", type: .bytea) == nil)
        #expect(Data.decode(postgresText: "\\x0", type: .bytea) == nil)
        #expect(Data.decode(postgresText: "x00", type: .bytea) == nil)
        #expect(Data.decode(postgresText: "\\xAbCd", type: .bytea) == Data([0xAB, 0xCD]))
    }

    @Test
    func textArraysQuoteAndEscapeEveryElement() throws {
        var random = SampleGenerator(state: 6)
        let fixed: [[String?]] = [
            [], [nil], [""], ["NULL"], [nil, "NULL", "null"], ["\\", "\"", "\\\"", "{}", ",", " a ", "ư🦊"],
        ]
        for elements in fixed
            + (0..<2_000).map({ _ in
                (0..<Int.random(in: 0...8, using: &random)).map { _ in
                    Bool.random(using: &random) ? random.string() : nil
                }
            })
        {
            try Self.check(elements, LegacyText.array(elements))
            let present = elements.compactMap { $0 }
            try Self.check(present, LegacyText.array(present))
        }
        try Self.check([String]?.none, nil)
        try Self.check(["a\0b"], LegacyText.array(["a\0b"]))
    }

    @Test
    func arraysOfEveryElementType() throws {
        var random = SampleGenerator(state: 7)
        for _ in 0..<300 {
            let count = Int.random(in: 0...6, using: &random)
            let ids = (0..<count).map { _ in Bool.random(using: &random) ? random.uuid() : nil }
            try Self.check(ids, LegacyText.array(ids.map { $0.map(LegacyText.uuid) }))
            let dates = (0..<count).map { _ in Date(timeIntervalSince1970: Double(random.microseconds()) / 1e6) }
            try Self.check(dates, LegacyText.array(dates.map(LegacyText.date)))
            let numbers = (0..<count).map { _ in Int64(bitPattern: random.next()) }
            try Self.check(numbers, LegacyText.array(numbers.map(LegacyText.int)))
            let small = (0..<count).map { _ in Int16(truncatingIfNeeded: random.next()) }
            try Self.check(small, LegacyText.array(small.map(LegacyText.int)))
            let doubles = (0..<count).map { _ in random.double() }
            try Self.check(doubles, LegacyText.array(doubles.map(LegacyText.double)))
            let flags = (0..<count).map { _ in Bool.random(using: &random) ? Bool.random(using: &random) : nil }
            try Self.check(flags, LegacyText.array(flags.map { $0.map(LegacyText.bool) }))
            // A nested literal (the store's `arrayLiteral()` inside `text[]`) and bytea hex in `text[]`.
            let nested = try (0..<count).map { _ in try (0..<2).map { _ in random.string() }.postgresText() }
            try Self.check(nested, LegacyText.array(nested))
            let hex = (0..<count).map { _ in PostgresByteaHex.text(Array(random.bytes())) }
            try Self.check(hex, LegacyText.array(hex))
        }
    }

    @Test
    func jsonIsTheEncodersBytes() throws {
        let value = PostgresJSON(["k\"ey": ["ư", "\\", "\u{1}"]])
        try Self.check(value, String(decoding: try JSONEncoder().encode(value.value), as: UTF8.self))
    }

    @Test
    func aStatementsParametersKeepOrderNullsAndTypes() throws {
        let bindings: [any PostgresEncodable] = [
            Int64(-5), String?.none, "ư\"x", [UUID?.none], Data([1, 2]), true, Date(timeIntervalSince1970: 0),
        ]
        let parameters = try PostgresParameters(bindings)
        #expect(parameters.count == 7)
        #expect(
            (0..<7).map(parameters.text(at:)) == [
                "-5", nil, "ư\"x", "{NULL}", "\\x0102", "t", "1970-01-01T00:00:00.000000Z",
            ]
        )
        #expect(parameters.types == [20, 0, 0, 2951, 17, 16, 1184])
        let texts = parameters.withValuePointers { pointers in pointers.map { $0.map { String(cString: $0) } } }
        #expect(texts == (0..<7).map(parameters.text(at:)))
    }

    @Test
    func arrayParsingMatchesTheOldParser() {
        var random = SampleGenerator(state: 8)
        var inputs = [
            "{}", "{", "}", "", "{a", "[0:1]={a,b}", "[1:1]={NULL}", "{NULL,null,NuLl,\"NULL\",\" NULL\"}",
            "{a,{b}}", "{\"a,b\",\"c\\\"d\",e\\\\f}", "{\"unterminated}", "{trailing\\}", "{ a , b }", "{ſ,ıNULL}",
            "{,}", "{\"\"}", "{ư🦊,\"e\u{301}\"}",
        ]
        for _ in 0..<3_000 {
            let literal = LegacyText.array(
                (0..<Int.random(in: 0...5, using: &random)).map { _ in
                    Bool.random(using: &random) ? random.string() : nil
                }
            )
            inputs.append(literal)
            // Also unquoted and damaged forms, which the server never prints but the parser must treat alike.
            inputs.append(literal.replacingOccurrences(of: "\"", with: ""))
            inputs.append("{" + random.string() + "}")
        }
        for input in inputs {
            let parsed = ArrayText.parse(input)
            let legacy = LegacyText.parseArray(input)
            #expect(parsed == legacy, "\(input.debugDescription)")
        }
    }

    @Test
    func uuidParsingMatchesFoundation() {
        var random = SampleGenerator(state: 9)
        var inputs = [
            "", "nonsense", "00000000-0000-0000-0000-00000000000", "{00000000-0000-0000-0000-000000000000}",
            "00000000-0000-0000-0000-0000000000000", "0000000000000000000000000000000000000",
            "g0000000-0000-0000-0000-000000000000", "00000000+0000-0000-0000-000000000000",
        ]
        for _ in 0..<2_000 {
            let text = LegacyText.uuid(random.uuid())
            inputs.append(text)
            inputs.append(text.uppercased())
            var damaged = Array(text.utf8)
            damaged[Int.random(in: 0..<36, using: &random)] = UInt8.random(in: 32...126, using: &random)
            inputs.append(String(decoding: damaged, as: UTF8.self))
        }
        for input in inputs {
            #expect(UUID.decode(postgresText: input, type: .uuid) == UUID(uuidString: input), "\(input)")
        }
    }
}
