import Foundation
import Testing

@testable import WatchpostCore

@Suite struct ShippedConfigTests {
    @Test func shippedDirectoryLoadsWithoutProblems() throws {
        do {
            let directory = try Directory.load(contentsOf: Fixture.directoryURL)
            let kinds = Set(directory.schools.map(\.kind))
            #expect(kinds == Set(UnitKind.schoolKinds))
            #expect(directory.schools.count >= 20)
        } catch {
            Issue.record("Config/directory.yaml:\n\(error)")
        }
    }

    @Test func shippedPolicyLoadsWithoutProblems() throws {
        do {
            let policy = try Policy.load(contentsOf: Fixture.policyURL)
            #expect(policy.rules.contains { $0.name == "every-incident" })
            #expect(policy.chains.values.allSatisfy { $0.levels.count <= Policy.maximumChainLevels })
        } catch {
            Issue.record("Config/routing.yaml:\n\(error)")
        }
    }

    @Test func everyShippedSchoolReachesEveryRelationThePolicyNames() throws {
        let (directory, policy) = try Fixture.shipped()
        var named: Set<Relation> = []
        for rule in policy.rules {
            named.formUnion(rule.alert)
            named.formUnion(rule.obligations.map(\.owner))
        }
        for chain in policy.chains.values { for level in chain.levels { named.formUnion(level.notify) } }
        // Deputies are optional: small preschools have none, and a rule alerting them then reaches nobody extra.
        named.remove(.schoolDeputy)
        for school in directory.schools {
            for relation in named {
                #expect(
                    !directory.officers(relation, of: school.id).isEmpty,
                    "\(school.id) has nobody as \(relation.rawValue)"
                )
            }
            #expect(directory.reportingCommittee(of: school.id) != nil)
        }
    }

    @Test func shippedCommuneOfficesBelongToTheirCommitteesAndEverySchoolHasAMonitor() throws {
        let (directory, _) = try Fixture.shipped()
        for school in directory.schools {
            let office = try #require(school.parent.flatMap(directory.unit), "\(school.id)")
            let committee = try #require(office.parent.flatMap(directory.unit), "\(office.id)")
            #expect(committee.kind == .peoplesCommittee && committee.parent == school.commune, "\(school.id)")
            #expect(directory.superiorAuthority(of: office.id) == "so-gddt-quang-ngai", "\(office.id)")
        }
        #expect(MonitorCheck.warnings(directory: directory, file: "Config/directory.yaml").isEmpty)
    }

    /// The former Bình Thạnh and Bình Chánh communes joined Bình Sơn (Resolution 1677): their
    /// schools, and their police at the same level, are Bình Sơn's.
    @Test(arguments: ["th-binh-thanh", "thcs-binh-chanh"])
    func schoolsOfTheMergedCommunesBelongToBinhSon(school: UnitID) throws {
        let (directory, _) = try Fixture.shipped()
        let unit = try #require(directory.unit(school))
        #expect(unit.commune == "xa-binh-son")
        #expect(unit.parent == "vhxh-xa-binh-son")
        let police = directory.officers(.communePoliceLiaison, of: school)
        #expect(!police.isEmpty && police.allSatisfy { $0.unit == "ca-xa-binh-son" })
        let committee = directory.officers(.communePeoplesCommittee, of: school)
        #expect(!committee.isEmpty && committee.allSatisfy { $0.unit == "ubnd-xa-binh-son" })
    }

    @Test func shippedChannelsAreReservedAddressesOnly() throws {
        let (directory, _) = try Fixture.shipped()
        for channel in directory.officers.flatMap(\.channels) {
            switch channel.kind {
            case .email, .webhook:
                #expect(channel.address.hasSuffix(".example.invalid") || channel.address.contains(".example.invalid/"))
            case .sms, .zalo: #expect(channel.address.hasPrefix("0900000"))
            case .console, .voice: Issue.record("the directory accepted a \(channel.kind) channel")
            }
        }
    }
}
