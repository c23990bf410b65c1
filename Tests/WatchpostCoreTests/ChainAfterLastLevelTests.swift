import Foundation
import Testing

@testable import WatchpostCore

/// Escalation that does not stop at the top (issue 29): after its last level a chain repeats, or
/// keeps telling the last level at an interval, until the obligation is met.
struct ChainAfterLastLevelTests {
    static func shipped() throws -> String { try String(contentsOf: Fixture.policyURL, encoding: .utf8) }

    @Test func aRepeatingChainStartsAgainAtLevelOneAndKeepsCounting() throws {
        let yaml = try Self.shipped().replacingOccurrences(
            of: "      - notify: [authority_head, commune_peoples_committee]\n    # Mức cuối",
            with: "      - notify: [authority_head, commune_peoples_committee]\n        deadline: 4h\n    # Mức cuối"
        ).replacingOccurrences(of: "after_last_level: { remind_every: 8h }", with: "after_last_level: repeat")
        let policy = try Policy.load(yaml: yaml, file: "routing.yaml")
        let chain = try #require(policy.chains["missed-deadline"])
        #expect(chain.afterLast == .repeatChain)
        #expect(chain.level(3)?.notify == [.authorityLeadership])
        #expect(chain.level(4)?.notify == [.authorityHead, .communePeoplesCommittee])
        #expect(chain.level(5)?.deadline == .seconds(4 * 3600))

        let (directory, _) = try Fixture.shipped()
        var run = Run(directory, policy)
        run.apply(Fixture.report(category: .other))
        try run.escalateOverdue(.acknowledge, at: Fixture.monday(9))
        try run.escalateOverdue(.acknowledge, at: Fixture.monday(15))
        let third = try run.escalateOverdue(.acknowledge, at: try #require(run.obligation(.acknowledge)?.dueAt))
        #expect(third.escalations.map(\.level) == [3])
        #expect(third.relations(.obligationEscalated) == [.authorityLeadership], "level 1 again")
    }

    @Test func theShippedChainsNeverStopAndSayHowOftenTheTopIsToldAgain() throws {
        let policy = try Policy.load(contentsOf: Fixture.policyURL)
        for (name, chain) in policy.chains {
            guard case .remind(let every) = chain.afterLast else {
                Issue.record("chain `\(name)` stops after its last level")
                continue
            }
            let beyond = try #require(chain.level(chain.levels.count + 1))
            #expect(beyond.notify == chain.levels.last?.notify, "\(name)")
            #expect(beyond.deadline == every, "\(name)")
        }
    }

    static let broken: [BrokenConfig] = [
        BrokenConfig(
            name: "a repeating chain whose last level has no deadline",
            replacing: "    after_last_level: { remind_every: 8h }",
            with: "    after_last_level: repeat",
            expectedMessage: "the last level of chain `missed-deadline` needs a `deadline`: the chain repeats after it",
            markedLine: "      - notify: [authority_head, commune_peoples_committee]"
        ),
        BrokenConfig(
            name: "an unknown after_last_level",
            replacing: "    after_last_level: { remind_every: 8h }",
            with: "    after_last_level: forever #!",
            expectedMessage: "must be `stop`, `repeat` or `{ remind_every: <duration> }`"
        ),
        BrokenConfig(
            name: "after_last_level on a chain that continues",
            replacing: "    continue_with: department\n\n  urgent:",
            with: "    continue_with: department\n    after_last_level: repeat #!\n\n  urgent:",
            expectedMessage: "write `after_last_level` on the chain that ends"
        ),
    ]

    @Test(arguments: broken)
    func theLoaderNamesTheChainAndWhy(_ broken: BrokenConfig) throws {
        broken.check(base: try Self.shipped(), file: "Config/routing.yaml") { yaml, file throws(ConfigError) in
            _ = try Policy.load(yaml: yaml, file: file)
        }
    }
}
