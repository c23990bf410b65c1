import Foundation
import Testing

@testable import WatchpostCore

/// `retention` in `routing.yaml`: how long details of closed incidents involving a student are kept.
@Suite struct PolicyRetentionTests {
    static let valid = PolicyLoaderTests.valid.replacingOccurrences(
        of: "met_by:\n",
        with: """
              keep:
                vi: Dữ liệu của trẻ em chỉ lưu khi còn cần.
                en: Children's data is kept only while needed.
                legal_basis: "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15"
            retention:
              student_incident_details:
                keep_for: 6mo
                reason: keep
            met_by:

            """
    )

    @Test func retentionPeriodAndReasonLoad() throws {
        let policy = try Policy.load(yaml: Self.valid, file: "routing.yaml")
        let retention = try #require(policy.retention)
        #expect(retention.studentIncidentDetails == RetentionPeriod(count: 6, unit: .months))
        #expect(retention.reasonID == "keep")
        #expect(retention.reason.legalBasis.contains("91/2025/QH15"))
    }

    @Test func otherIncidentsAreKeptUnlessTheirPeriodIsSet() throws {
        #expect(
            try #require(try Policy.load(yaml: Self.valid, file: "routing.yaml").retention).otherIncidentDetails == nil
        )
        let yaml = Self.valid.replacingOccurrences(
            of: "    reason: keep\n",
            with: "    reason: keep\n  other_incident_details:\n    keep_for: 2y\n"
        )
        let retention = try #require(try Policy.load(yaml: yaml, file: "routing.yaml").retention)
        #expect(retention.otherIncidentDetails == RetentionPeriod(count: 2, unit: .years))
    }

    @Test func policyWithoutRetentionLoadsAndPurgesNothing() throws {
        #expect(try Policy.load(yaml: PolicyLoaderTests.valid, file: "routing.yaml").retention == nil)
    }

    @Test func shippedPolicyKeepsStudentIncidentDetailsOneYearUnderLaw91() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Config/routing.yaml")
        let retention = try #require(try Policy.load(contentsOf: url).retention)
        #expect(retention.studentIncidentDetails.description == "1y")
        #expect(retention.otherIncidentDetails?.description == "2y", "incidents involving no student are purged too")
        #expect(retention.reason.legalBasis.contains("91/2025/QH15"))
        #expect(retention.reason.vi.contains("trẻ em"))
    }

    static let broken: [BrokenConfig] = [
        BrokenConfig(
            name: "period for other incidents too short",
            replacing: "    reason: keep\n",
            with: "    reason: keep\n  other_incident_details:\n    keep_for: 7d #!\n",
            expectedMessage: "shorter than 30 days"
        ),
        BrokenConfig(
            name: "zero period",
            replacing: "    keep_for: 6mo",
            with: "    keep_for: 0y #!",
            expectedMessage: "must be longer than zero"
        ),
        BrokenConfig(
            name: "negative period",
            replacing: "    keep_for: 6mo",
            with: "    keep_for: -1y #!",
            expectedMessage: "is not a period"
        ),
        BrokenConfig(
            name: "words instead of a period",
            replacing: "    keep_for: 6mo",
            with: "    keep_for: one year #!",
            expectedMessage: "is not a period"
        ),
        BrokenConfig(
            name: "shorter than reopening needs",
            replacing: "    keep_for: 6mo",
            with: "    keep_for: 7d #!",
            expectedMessage: "shorter than 30 days"
        ),
        BrokenConfig(
            name: "unknown reason",
            replacing: "    reason: keep\n",
            with: "    reason: forever #!\n",
            expectedMessage: "unknown reason `forever`"
        ),
        BrokenConfig(
            name: "unknown kind of data",
            replacing: "  student_incident_details:",
            with: "  teacher_details: {} #!\n  student_incident_details:",
            expectedMessage: "unknown key `teacher_details` in `retention`"
        ),
        BrokenConfig(
            name: "period missing",
            replacing: "    keep_for: 6mo\n",
            with: "",
            expectedMessage: "is missing `keep_for`",
            markedLine: "    reason: keep"
        ),
    ]

    @Test(arguments: broken)
    func brokenRetentionIsRefusedAtItsLine(_ broken: BrokenConfig) {
        broken.check(base: Self.valid, file: "Config/routing.yaml") { yaml, file throws(ConfigError) in
            _ = try Policy.load(yaml: yaml, file: file)
        }
    }

    @Test func cutoffCountsCalendarUnitsInVietnamTime() throws {
        // 1 December 2027, 00:00 in Vietnam.
        let now = try RFC3339.parse("2027-12-01T00:00:00+07:00").get()
        #expect(
            RetentionPeriod(count: 1, unit: .years).cutoff(at: now)
                == (try RFC3339.parse("2026-12-01T00:00:00+07:00").get())
        )
        #expect(
            RetentionPeriod(count: 90, unit: .days).cutoff(at: now)
                == (try RFC3339.parse("2027-09-02T00:00:00+07:00").get())
        )
        // 31 March minus a month is the last day of February.
        let march = try RFC3339.parse("2027-03-31T12:00:00+07:00").get()
        #expect(
            RetentionPeriod(count: 1, unit: .months).cutoff(at: march)
                == (try RFC3339.parse("2027-02-28T12:00:00+07:00").get())
        )
    }
}
