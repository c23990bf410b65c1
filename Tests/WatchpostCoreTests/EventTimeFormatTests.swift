import Foundation
import Testing
import WatchpostCore

@Suite("RFC 3339 local-time formatting")
struct EventTimeFormatTests {
    @Test(arguments: [0, 420, -210, 345])
    func formattedLocalTimeParsesBackToTheSameInstant(offsetMinutes: Int) throws {
        let instant = Date(timeIntervalSince1970: 1_795_939_200.25)  // 2026-11-29T08:00:00.25Z
        let text = RFC3339.format(instant, utcOffsetMinutes: offsetMinutes)
        let parsed = try RFC3339.parse(text).get()
        #expect(abs(parsed.timeIntervalSince(instant)) < 0.000_001)
        #expect(offsetMinutes == 0 ? text.hasSuffix("Z") : !text.hasSuffix("Z"))
    }

    @Test
    func vietnamTimeShowsTheWallClockAndOffset() {
        let instant = Date(timeIntervalSince1970: 1_795_939_200)  // 2026-11-29T08:00:00Z
        #expect(RFC3339.format(instant, utcOffsetMinutes: 7 * 60) == "2026-11-29T15:00:00+07:00")
    }
}
