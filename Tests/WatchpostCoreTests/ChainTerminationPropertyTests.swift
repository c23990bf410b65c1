import Foundation
import PropertyBased
import Testing

@testable import WatchpostCore

@Suite struct ChainTerminationPropertyTests {
    /// A policy whose chains `c0…c(n-1)` have `levels[i]` levels and continue with `c(next[i])`
    /// (none when out of range); its one rule escalates the acknowledgement along `c0`.
    static func policyYAML(count: Int, levels: [Int], next: [Int]) -> String {
        var text = """
            reasons:
              r: { vi: lý do, en: reason, legal_basis: "Công văn của Phòng GDĐT Bình Sơn (2024), mục 4" }
            met_by:
              acknowledge: [{ event: incident.acknowledged, by: school_head }]
              take_down: [{ action: content_removed }]
              publish_correction: [{ action: correction_published }]
              notify_police: [{ action: police_notified }]
              report_to_authority: [{ event: incident.acknowledged, by: authority_desk }]
            manual_escalation_chain: c0
            rules:
              - name: all
                obligations:
                  - { kind: acknowledge, owner: school_head, deadline: 2h, escalation: c0, reason: r }
            escalation_chains:

            """
        for chain in 0..<count {
            let continues = (0..<count).contains(next[chain])
            text += "  c\(chain):\n    levels:\n"
            for level in 0..<levels[chain] {
                let isLast = level == levels[chain] - 1
                text += "      - notify: [authority_leadership]\n"
                if !isLast || continues { text += "        deadline: 1h\n" }
            }
            if continues { text += "    continue_with: c\(next[chain])\n" }
        }
        return text
    }

    @Test func escalationChainsTerminate() async throws {
        let (directory, _) = try Fixture.shipped()
        await propertyCheck(
            count: 200,
            input: Gen.int(in: 1...4),
            Gen.int(in: 1...3).array(of: 4),
            Gen.int(in: -1...4).array(of: 4)
        ) { count, levels, next in
            // The oracle: follow continue_with from each chain, detect loops, count levels.
            func path(from start: Int) -> (loops: Bool, total: Int) {
                var visited: [Int] = []
                var current: Int? = start
                while let chain = current {
                    if visited.contains(chain) { return (true, 0) }
                    visited.append(chain)
                    current = (0..<count).contains(next[chain]) ? next[chain] : nil
                }
                return (false, visited.reduce(0) { $0 + levels[$1] })
            }
            let paths = (0..<count).map(path(from:))
            let broken = paths.contains { $0.loops || $0.total > Policy.maximumChainLevels }
            let total = paths[0].total
            let loaded: Result<Policy, ConfigError>
            do throws(ConfigError) {
                loaded = .success(
                    try Policy.load(yaml: Self.policyYAML(count: count, levels: levels, next: next), file: "p.yaml")
                )
            } catch {
                loaded = .failure(error)
            }
            switch loaded {
            case .success(let policy):
                #expect(!broken)
                let chain = try #require(policy.chains["c0"])
                #expect(chain.levels.count == total)
                #expect(chain.levels.last?.deadline == nil)
                // Drive the enforcer until it stops: exactly one escalation per level.
                var run = Run(directory, policy)
                run.apply(Fixture.report(category: .other))
                var now = Fixture.t0
                var escalations = 0
                while escalations <= Policy.maximumChainLevels + 1 {
                    now = now.addingTimeInterval(3 * 3_600)
                    guard let incident = run.incident, let obligation = run.obligation(.acknowledge),
                        let event = DeadlineEnforcer.escalationEvent(
                            for: obligation,
                            incident: incident,
                            policy: policy,
                            now: now
                        )
                    else { break }
                    #expect(run.apply(event, at: now).outcome == .applied)
                    escalations += 1
                }
                #expect(escalations == total)
            case .failure(let error):
                #expect(broken, "unexpected problems:\n\(error)")
                let messages = error.problems.map(\.message).joined(separator: "\n")
                #expect(
                    messages.contains("does not terminate") || messages.contains("at most \(Policy.maximumChainLevels)")
                )
            }
        }
    }
}
