import Foundation
import Testing

@testable import Postgres

@Suite("Timestamp text")
struct TimestampTextTests {
    @Test(arguments: [
        ("2026-11-29 04:07:53.123456+00", "2026-11-29T04:07:53.123456Z"),
        ("2026-11-29 11:07:53.123456+07", "2026-11-29T04:07:53.123456Z"),
        ("2026-11-29 09:37:53.1+05:30", "2026-11-29T04:07:53.100000Z"),
        ("2026-11-28 23:07:53-05", "2026-11-29T04:07:53.000000Z"),
        ("2026-11-29T04:07:53Z", "2026-11-29T04:07:53.000000Z"),
        ("1900-01-01 00:00:00+00:19:32", "1899-12-31T23:40:28.000000Z"),
        ("2026-11-29", "2026-11-29T00:00:00.000000Z"),
        ("0044-03-15 12:00:00+00 BC", "0044-03-15T12:00:00.000000Z BC"),
    ])
    func parsesServerTimestampsInAnyOffset(input: String, expected: String) throws {
        let micros = try #require(TimestampText.parse(input))
        #expect(TimestampText.format(microseconds: micros) == expected)
    }

    @Test(arguments: ["", "2026-13-01", "2026-11-29 04:07", "2026-11-29 04:07:53+", "nonsense"])
    func rejectsMalformedTimestamps(input: String) {
        #expect(TimestampText.parse(input) == nil)
    }

    @Test
    func formatRoundTripsMicrosecondsAcrossEpoch() {
        for micros: Int64 in [0, -1, 1, 1_796_011_673_123_456, -62_135_596_800_000_001, 253_402_300_799_999_999] {
            #expect(TimestampText.parse(TimestampText.format(microseconds: micros)) == micros)
        }
    }
}
