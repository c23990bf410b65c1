import Foundation
import Testing

@testable import WatchpostCore

/// `grouping` in `routing.yaml`: a window per alert template and a per-recipient, per-channel
/// rate limit (D58).
@Suite struct PolicyGroupingTests {
    static let valid = PolicyLoaderTests.valid.replacingOccurrences(
        of: "met_by:\n",
        with: """
            grouping:
              windows:
                incident.new: 10m
                obligation.reminder: 30m
              rate_limit:
                messages: 6
                per: 1h
            met_by:

            """
    )

    @Test func windowsAndRateLimitLoad() throws {
        let grouping = try #require(try Policy.load(yaml: Self.valid, file: "routing.yaml").grouping)
        #expect(grouping.windows == [.incidentNew: .seconds(600), .obligationReminder: .seconds(1_800)])
        #expect(grouping.rateLimit == AlertGrouping.RateLimit(messages: 6, per: .seconds(3_600)))
    }

    @Test func withoutGroupingEveryAlertGoesAtOnce() throws {
        #expect(try Policy.load(yaml: PolicyLoaderTests.valid, file: "routing.yaml").grouping == nil)
    }

    @Test func theShippedPolicyGroupsNewIncidentsForTenMinutesAndRemindersForThirty() throws {
        let (_, policy) = try Fixture.shipped()
        let grouping = try #require(policy.grouping)
        #expect(grouping.windows[.incidentNew] == .seconds(600))
        #expect(grouping.windows[.obligationReminder] == .seconds(1_800))
        #expect(grouping.windows[.obligationEscalated] == nil)
        #expect(grouping.windows[.deliveryFailed] == nil)
        #expect(grouping.rateLimit == AlertGrouping.RateLimit(messages: 10, per: .seconds(3_600)))
    }

    static let broken: [BrokenConfig] = [
        BrokenConfig(
            name: "unknown template",
            replacing: "    incident.new: 10m\n",
            with: "    incident.news: 10m #!\n",
            expectedMessage: "unknown template `incident.news` in `grouping.windows`; known templates: incident.new"
        ),
        BrokenConfig(
            name: "failure notices are never held",
            replacing: "    incident.new: 10m\n",
            with: "    delivery.failed: 10m #!\n",
            expectedMessage: "`grouping.windows.delivery.failed`: notices of failed deliveries are never held"
        ),
        BrokenConfig(
            name: "window not a duration",
            replacing: "    incident.new: 10m\n",
            with: "    incident.new: ten #!\n",
            expectedMessage: "`grouping.windows.incident.new` `ten` is not a duration"
        ),
        BrokenConfig(
            name: "window too long",
            replacing: "    incident.new: 10m\n",
            with: "    incident.new: 2h #!\n",
            expectedMessage: "`grouping.windows.incident.new` is longer than 1h"
        ),
        BrokenConfig(
            name: "zero window",
            replacing: "    incident.new: 10m\n",
            with: "    incident.new: 0m #!\n",
            expectedMessage: "`grouping.windows.incident.new` must be longer than zero"
        ),
        BrokenConfig(
            name: "no messages allowed",
            replacing: "    messages: 6\n",
            with: "    messages: 0 #!\n",
            expectedMessage: "`grouping.rate_limit.messages` must be a whole number of at least 1, not `0`"
        ),
        BrokenConfig(
            name: "rate period missing",
            replacing: "    per: 1h\n",
            with: "",
            expectedMessage: "`grouping.rate_limit` is missing `per`",
            markedLine: "messages: 6"
        ),
        BrokenConfig(
            name: "rate period over a day",
            replacing: "    per: 1h\n",
            with: "    per: 2d #!\n",
            expectedMessage: "`grouping.rate_limit.per` must be at most 24h"
        ),
        BrokenConfig(
            name: "unknown key",
            replacing: "  rate_limit:\n",
            with: "  rate_limits: #!\n",
            expectedMessage: "unknown key `rate_limits` in `grouping`; allowed: windows, rate_limit"
        ),
    ]

    @Test(arguments: broken) func brokenGroupingNamesTheFieldAndLine(_ broken: BrokenConfig) {
        broken.check(base: Self.valid, file: "routing.yaml") { yaml, file throws(ConfigError) in
            _ = try Policy.load(yaml: yaml, file: file)
        }
    }
}
