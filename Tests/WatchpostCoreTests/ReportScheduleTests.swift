import Foundation
import Testing

@testable import WatchpostCore

/// `reports` in `routing.yaml`, the periods of each cadence, and who receives an authority's report.
@Suite struct ReportScheduleTests {
    static let valid = PolicyLoaderTests.valid.replacingOccurrences(
        of: "met_by:\n",
        with: """
            reports:
              weekly:
                recipients: [authority_head]
              monthly:
                recipients: [authority_head, peoples_committee, department_leadership]
            met_by:

            """
    )

    static func at(_ text: String) throws -> Date { try RFC3339.parse(text).get() }

    @Test func scheduleLoadsEachCadenceWithItsRecipientsInFileOrder() throws {
        let schedule = try #require(try Policy.load(yaml: Self.valid, file: "routing.yaml").reports)
        #expect(schedule.cadences == [.weekly, .monthly])
        #expect(schedule.recipients[.weekly] == [.authorityHead])
        #expect(schedule.recipients[.monthly] == [.authorityHead, .peoplesCommittee, .departmentLeadership])
    }

    @Test func policyWithoutReportsSchedulesNone() throws {
        #expect(try Policy.load(yaml: PolicyLoaderTests.valid, file: "routing.yaml").reports == nil)
    }

    static let broken: [BrokenConfig] = [
        BrokenConfig(
            name: "a relation to one school",
            replacing: "    recipients: [authority_head]\n",
            with: "    recipients:\n      - school_head #!\n",
            expectedMessage: "`school_head` stands to one school"
        ),
        BrokenConfig(
            name: "unknown cadence",
            replacing: "  weekly:\n",
            with: "  daily: {} #!\n  weekly:\n",
            expectedMessage: "unknown key `daily` in `reports`"
        ),
        BrokenConfig(
            name: "no recipients",
            replacing: "    recipients: [authority_head]\n",
            with: "    recipients: []\n",
            expectedMessage: "names no `recipients`",
            markedLine: "    recipients: []"
        ),
    ]

    @Test(arguments: broken)
    func brokenScheduleIsRefusedAtItsLine(_ broken: BrokenConfig) {
        broken.check(base: Self.valid, file: "Config/routing.yaml") { yaml, file throws(ConfigError) in
            _ = try Policy.load(yaml: yaml, file: file)
        }
    }

    @Test func weeklyPeriodIsTheLastWholeWeekMondayToMondayInVietnam() throws {
        // Wednesday 2 December 2026, 10:00 in Vietnam.
        let period = ReportCadence.weekly.lastCompletedPeriod(at: try Self.at("2026-12-02T10:00:00+07:00"))
        #expect(period.from == (try Self.at("2026-11-23T00:00:00+07:00")))
        #expect(period.to == (try Self.at("2026-11-30T00:00:00+07:00")))
        // Monday 00:00 in Vietnam is still Sunday in UTC; the week that just ended is the one.
        let monday = ReportCadence.weekly.lastCompletedPeriod(at: try Self.at("2026-11-30T00:00:00+07:00"))
        #expect(monday.to == (try Self.at("2026-11-30T00:00:00+07:00")))
        let sunday = ReportCadence.weekly.lastCompletedPeriod(at: try Self.at("2026-11-29T23:59:59+07:00"))
        #expect(sunday.to == (try Self.at("2026-11-23T00:00:00+07:00")))
    }

    @Test func monthlyPeriodIsTheLastWholeCalendarMonthInVietnam() throws {
        let december = ReportCadence.monthly.lastCompletedPeriod(at: try Self.at("2026-12-01T00:05:00+07:00"))
        #expect(december.from == (try Self.at("2026-11-01T00:00:00+07:00")))
        #expect(december.to == (try Self.at("2026-12-01T00:00:00+07:00")))
        // 30 November 20:00 UTC is already 1 December in Vietnam.
        let utcEvening = ReportCadence.monthly.lastCompletedPeriod(at: try Self.at("2026-11-30T20:00:00Z"))
        #expect(utcEvening.to == (try Self.at("2026-12-01T00:00:00+07:00")))
        let january = ReportCadence.monthly.lastCompletedPeriod(at: try Self.at("2027-01-15T08:00:00+07:00"))
        #expect(january.from == (try Self.at("2026-12-01T00:00:00+07:00")))
        #expect(ReportCadence.monthly.periodName(from: january.from, to: january.to) == "tháng 12 năm 2026")
        #expect(ReportCadence.monthly.periodNameEnglish(from: january.from, to: january.to) == "December 2026")
    }

    @Test func weeklyPeriodIsNamedByItsFirstAndLastDay() throws {
        let period = ReportCadence.weekly.lastCompletedPeriod(at: try Self.at("2026-12-02T10:00:00+07:00"))
        #expect(
            ReportCadence.weekly.periodName(from: period.from, to: period.to)
                == "tuần từ ngày 23/11/2026 đến hết ngày 29/11/2026"
        )
    }

    @Test func communeOfficeReportsToItsCommitteeAndTheDepartmentLeadership() throws {
        let (directory, policy) = try Fixture.shipped()
        let recipients = (policy.reports?.recipients[.monthly] ?? []).flatMap {
            directory.officers($0, ofAuthority: "vhxh-xa-binh-son").map(\.id)
        }
        #expect(
            recipients == [
                "tp-vhxh-binh-son", "ptp-vhxh-binh-son", "pgd-so-gddt", "ct-ubnd-binh-son", "pct-ubnd-binh-son",
            ]
        )
        #expect(directory.officers(.schoolHead, ofAuthority: "vhxh-xa-binh-son").isEmpty)
    }

    @Test func everyCommuneOfficeReportsOnItsSchoolsAndTheDepartmentOnAll() throws {
        let (directory, _) = try Fixture.shipped()
        let authorities = directory.reportingAuthorities.map { "\($0.authority.id):\($0.scoped)" }
        #expect(
            authorities == [
                "so-gddt-quang-ngai:false", "vhxh-xa-binh-son:true", "vhxh-xa-binh-minh:true",
                "vhxh-xa-binh-chuong:true", "vhxh-xa-van-tuong:true", "vhxh-xa-dong-son:true",
            ]
        )
    }
}
