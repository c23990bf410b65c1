import Foundation
import Testing

@testable import WatchpostCore

/// The same reports (several posts, each reported under several incident ids with mixed
/// categories and severities, each followed by acknowledgements and updates) come out the same in
/// every interleaving that keeps each incident id's own events in order (D32).
@Suite struct ReportMergePropertyTests {
    static let schools: [UnitID] = ["thcs-binh-son", "mn-binh-trung", "th-thcs-binh-khuong", "th-binh-dong"]
    static let interleavings = 12

    /// What must not depend on arrival order, per post (unit and dedup key).
    struct PostOutcome: Equatable, CustomStringConvertible {
        var category: IncidentCategory
        var severity: Severity
        var status: IncidentStatus
        var subjects: Set<SubjectRole>
        var urls: Set<String>
        var acknowledgedBy: Set<OfficerID>
        /// Each report with its own classification.
        var reports: Set<String>
        /// (kind, owner, status) of every obligation, sorted.
        var obligations: [String]
        /// (relation, template) of every alert telling someone of the incident as new, sorted.
        var toldAsNew: [String]
        /// Every relation alerted about the incident.
        var relationsAlerted: Set<Relation>

        var description: String {
            "\(category.rawValue)/\(severity.rawValue)/\(status.rawValue) obligations \(obligations) "
                + "new \(toldAsNew) relations \(relationsAlerted.map(\.rawValue).sorted()) reports \(reports.sorted())"
        }
    }

    /// Per incident id: its report, then its follow-ups. Everything derives from `seed`.
    static func streams(seed: UInt64, directory: Directory) -> [[Event]] {
        var random = SplitMix(seed: seed)
        var streams: [[Event]] = []
        for post in 0..<Int.random(in: 2...4, using: &random) {
            let school = schools.randomElement(using: &random)!
            let officers = [Relation.schoolHead, .schoolDeputy].compactMap {
                directory.officers($0, of: school).first?.id
            }
            for reporter in 0..<Int.random(in: 2...3, using: &random) {
                let incident = UUID.v5(namespace: .watchpost, name: "merge:\(seed):\(post):\(reporter)")
                func eventID(_ step: Int) -> UUID {
                    UUID.v5(namespace: .watchpost, name: "merge-event:\(seed):\(post):\(reporter):\(step)")
                }
                // No manager: a manager's involvement moves the head's duties to the authority's
                // leadership, and what the head met before it was known stays met, so that
                // outcome depends on the order by design (D43; ConflictOfInterestTests).
                let subjects = SubjectRole.allCases.filter { _ in Bool.random(using: &random) }.filter {
                    $0 != .manager
                }
                var stream = [
                    MergeEvents.report(
                        IncidentCategory.allCases.randomElement(using: &random)!,
                        Severity.allCases.randomElement(using: &random)!,
                        subjects: subjects.isEmpty ? [.student] : subjects,
                        url: "https://www.facebook.com/share/p/\(seed)-\(post)?ref=\(reporter)",
                        dedupKey: "merge:\(seed):\(post)",
                        unit: school,
                        incident: incident,
                        event: eventID(0)
                    )
                ]
                for step in 1...Int.random(in: 1...3, using: &random) {
                    let payload: EventPayload
                    let source: EventSource
                    if Bool.random(using: &random), let officer = officers.randomElement(using: &random) {
                        payload = .acknowledged(IncidentAcknowledged(note: "Đã nắm"))
                        source = EventSource(kind: .officer, id: officer)
                    } else {
                        payload = .updated(
                            IncidentUpdated(
                                summary: "Bổ sung \(step)",
                                addedURLs: ["https://www.facebook.com/share/p/\(seed)-\(post)/copy-\(reporter)-\(step)"]
                            )
                        )
                        source = MergeEvents.tool
                    }
                    stream.append(
                        Event(
                            eventID: eventID(step),
                            incidentID: incident,
                            occurredAt: Fixture.t0,
                            source: source,
                            unitID: school,
                            payload: payload
                        )
                    )
                }
                streams.append(stream)
            }
        }
        return streams
    }

    /// A random merge of `streams` that keeps each stream's order.
    static func interleave(_ streams: [[Event]], using random: inout SplitMix) -> [Event] {
        var rest = streams.map { ArraySlice($0) }
        var order: [Event] = []
        let total = streams.reduce(0) { $0 + $1.count }
        for left in stride(from: total, to: 0, by: -1) {
            // Weighted by what is left, so every interleaving is as likely as any other.
            var pick = Int.random(in: 0..<left, using: &random)
            let index = rest.firstIndex { stream in
                if pick < stream.count { return true }
                pick -= stream.count
                return false
            }!
            order.append(rest[index].removeFirst())
        }
        return order
    }

    static func outcome(of world: MergeWorld) -> [String: PostOutcome] {
        var posts: [String: PostOutcome] = [:]
        for incident in world.states.values {
            let alerts = world.alerts(of: incident.id)
            posts["\(incident.unitID)|\(incident.dedupKey)"] = PostOutcome(
                category: incident.category,
                severity: incident.severity,
                status: incident.status,
                subjects: Set(incident.subjects),
                urls: Set(incident.urls),
                acknowledgedBy: Set(incident.acknowledgedBy),
                reports: Set(
                    incident.evidence.map {
                        "\(DerivedID.key($0.eventID)):\($0.category.rawValue):\($0.severity.rawValue)"
                    }
                ),
                obligations: incident.obligations.map {
                    "\($0.kind.rawValue)/\($0.ownerRelation.rawValue)/\($0.status.rawValue)"
                }.sorted(),
                toldAsNew: alerts.filter { $0.template == .incidentNew }.map {
                    "\($0.relation.rawValue)/\($0.template.rawValue)"
                }.sorted(),
                relationsAlerted: Set(alerts.map(\.relation))
            )
        }
        return posts
    }

    @Test(arguments: 0..<80 as Range<UInt64>)
    func interleavingsThatKeepEachIncidentsOrderGiveTheSameIncidentsObligationsAndAlerts(seed: UInt64) throws {
        let (directory, policy) = try Fixture.shipped()
        let streams = Self.streams(seed: seed, directory: directory)
        var random = SplitMix(seed: seed &+ 0x5EED)
        var first: [String: PostOutcome]?
        for round in 0..<Self.interleavings {
            let order = Self.interleave(streams, using: &random)
            var world = MergeWorld(directory, policy)
            for event in order {
                let decision = world.apply(event)
                #expect(
                    decision.outcome == .applied || decision.outcome.note?.code == .duplicateAcknowledgement,
                    "seed \(seed) round \(round): \(event.type.rawValue) \(decision.outcome)"
                )
                // An update of someone already told always names the obligation it is about.
                if case .reported = event.payload {
                    for alert in decision.alerts where alert.template != .incidentNew {
                        #expect(alert.template == .incidentUpdated, "seed \(seed) round \(round)")
                        #expect(
                            decision.obligationsOpened.contains { $0.id == alert.obligationID },
                            "seed \(seed) round \(round): \(alert.reason)"
                        )
                    }
                }
            }
            let outcome = Self.outcome(of: world)
            #expect(outcome.count == Set(streams.map { "\($0[0].unitID)|\(Self.dedupKey($0[0]))" }).count)
            guard let expected = first else {
                first = outcome
                continue
            }
            let steps = order.map { "\(DerivedID.key($0.incidentID).prefix(8)):\($0.type.rawValue)" }
            for (post, result) in outcome {
                let wanted = expected[post].map(String.init(describing:)) ?? "nothing"
                #expect(
                    result == expected[post],
                    "seed \(seed) round \(round), post \(post):\n got      \(result)\n expected \(wanted)\n order \(steps)"
                )
            }
        }
    }

    static func dedupKey(_ event: Event) -> String {
        if case .reported(let report) = event.payload { return report.dedupKey }
        return ""
    }
}
