import Foundation
import Testing

@testable import WatchpostCore

@Suite struct TimeTests {
    @Test func vietnameseFormatUsesHoChiMinhTime() {
        #expect(LocalTime.format(Fixture.t0, locale: .vi) == "14 giờ 30 ngày 29/11/2026")
    }

    @Test func englishFormatNamesTheOffset() {
        #expect(LocalTime.format(Fixture.t0, locale: .en) == "29 Nov 2026, 14:30 (UTC+7)")
    }

    @Test func localDateRollsOverAtMidnightInVietnamNotUTC() {
        // 17:05 UTC is 00:05 the next day in Vietnam.
        let date = Date(timeIntervalSince1970: 1_795_937_400 + 9 * 3600 + 35 * 60)
        #expect(LocalTime.format(date, locale: .vi) == "00 giờ 05 ngày 30/11/2026")
    }

    @Test(arguments: [
        ("30m", 1_800), ("2h", 7_200), ("24h", 86_400), ("1h30m", 5_400), ("1d", 86_400), ("45s", 45),
    ])
    func parsesShortDurations(text: String, seconds: Int64) {
        #expect(DeadlineDuration.parse(text) == .seconds(seconds))
    }

    @Test(arguments: ["", "2", "h", "2x", "30m2h", "1h1h", "-2h", "2 h"])
    func rejectsMalformedDurations(text: String) {
        #expect(DeadlineDuration.parse(text) == nil)
    }

    @Test func formatsDurationsBackToTheShortForm() {
        #expect(DeadlineDuration.format(.seconds(5_400)) == "1h30m")
        #expect(DeadlineDuration.format(.seconds(86_400)) == "1d")
    }
}
