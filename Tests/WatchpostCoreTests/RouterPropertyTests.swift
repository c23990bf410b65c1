import Foundation
import PropertyBased
import Testing

@testable import WatchpostCore

@Suite struct RouterPropertyTests {
    static let schools = ["thcs-binh-son", "mn-binh-trung", "th-thcs-binh-khuong", "th-binh-dong"]

    static let scripts = zip(
        Gen.element(of: schools),
        Gen<IncidentCategory>.case,
        Gen<Severity>.case,
        Gen.int(in: 0...9_999).array(of: 1...25)
    )

    private func script(_ input: (String?, IncidentCategory, Severity, [Int]), _ directory: Directory, _ policy: Policy)
        -> RandomScript
    {
        RandomScript(
            directory: directory,
            policy: policy,
            school: input.0 ?? "thcs-binh-son",
            category: input.1,
            severity: input.2,
            codes: input.3
        )
    }

    @Test func everyOpenIncidentHasAHeadOwingAnAcknowledgementUntilTheSchoolAcknowledges() async throws {
        let (directory, policy) = try Fixture.shipped()
        await propertyCheck(count: 150, input: Self.scripts) { input in
            let script = script(input, directory, policy)
            let school = script.school
            let schoolPeople = Set(
                directory.officers(.schoolHead, of: school).map(\.id)
                    + directory.officers(.schoolDeputy, of: school).map(\.id)
            )
            let head = directory.officers(.schoolHead, of: school).first?.id
            _ = script.run { _, _, after in
                guard let incident = after, incident.id == Fixture.uuid(1), incident.status.isOpen else { return }
                let current = incident.obligations.filter {
                    $0.kind == .acknowledge && $0.ownerRelation == .schoolHead && $0.openedAt >= incident.openedAt
                }
                #expect(current.count == 1, "exactly one acknowledgement owed since (re)opening")
                guard let acknowledge = current.first else { return }
                #expect(acknowledge.ownerOfficerID == head)
                switch acknowledge.status {
                case .open: break
                case .met:
                    #expect(
                        acknowledge.metBy.map(schoolPeople.contains) == true,
                        "met only by the school's head or deputy"
                    )
                case .cancelled: Issue.record("an open incident has a cancelled acknowledgement")
                }
            }
        }
    }

    @Test func noObligationIsBothMetAndEscalated() async throws {
        let (directory, policy) = try Fixture.shipped()
        await propertyCheck(count: 150, input: Self.scripts) { input in
            var metLevels: [UUID: Int] = [:]
            _ = script(input, directory, policy).run { before, decision, after in
                let met = Set(decision.obligationsMet.map(\.obligationID))
                let escalated = Set(decision.escalations.map(\.obligationID))
                #expect(met.isDisjoint(with: escalated))
                for id in escalated {
                    #expect(before?.obligation(id)?.status == .open, "only an open obligation escalates")
                }
                for obligation in after?.obligations ?? [] where obligation.status == .met {
                    if let level = metLevels[obligation.id] {
                        #expect(obligation.level == level, "a met obligation never escalates again")
                    }
                    metLevels[obligation.id] = obligation.level
                    if let incident = after {
                        #expect(
                            DeadlineEnforcer.escalationEvent(
                                for: obligation,
                                incident: incident,
                                policy: policy,
                                now: .distantFuture
                            ) == nil
                        )
                    }
                }
            }
        }
    }

    @Test func routingIsDeterministic() async throws {
        let (directory, policy) = try Fixture.shipped()
        await propertyCheck(count: 100, input: Self.scripts) { input in
            let first = script(input, directory, policy).run()
            let second = script(input, directory, policy).run()
            #expect(first == second)
        }
    }

    @Test func routingNeverCrashesAndEveryEventGetsAnOutcome() async throws {
        let (directory, policy) = try Fixture.shipped()
        await propertyCheck(count: 100, input: Self.scripts) { input in
            let script = script(input, directory, policy)
            let decisions = script.run()
            #expect(decisions.count >= script.codes.count / 2)
            for decision in decisions {
                if case .applied = decision.outcome { continue }
                #expect(decision.alerts.isEmpty && decision.obligationsOpened.isEmpty && decision.deliveries.isEmpty)
            }
        }
    }
}
