import Foundation
import Testing
import WatchpostAPI
import WatchpostCore

/// The callers of the authorisation tests, chosen from the shipped directory: for the first
/// school that has a head, a deputy and a monitor, its head, deputy, monitor, commune police
/// liaison, commune People's Committee chair, supervising authority's head, desk and
/// leadership, and the Department's leadership; tools with each scope; and nobody.
enum APICaller: String, CaseIterable, Sendable, CustomStringConvertible {
    case schoolHead, schoolDeputy, monitor, policeLiaison, communeChair, authorityHead, authorityDesk,
        authorityLeadership, departmentLeadership, toolRead, toolReport, toolAct, anonymous

    var description: String { rawValue }

    /// The scope a tool caller holds.
    var toolScope: Scope? {
        switch self {
        case .toolRead: .read
        case .toolReport: .report
        case .toolAct: .act
        default: nil
        }
    }

    var isOfficer: Bool { toolScope == nil && self != .anonymous }
}

/// The school, the foreign school and the officer of each caller, read from the directory.
struct APICast: Sendable {
    let school: WatchpostCore.Unit
    let foreignSchool: WatchpostCore.Unit
    let officers: [APICaller: Officer]

    init(_ directory: Directory) throws {
        func has(_ role: OfficerRole, _ unit: UnitID) -> Bool { !directory.officers(withRole: role, in: unit).isEmpty }
        let school = try #require(
            directory.schools.first { has(.head, $0.id) && has(.deputy, $0.id) && has(.monitor, $0.id) },
            "a school with a head, a deputy and a monitor"
        )
        self.school = school
        foreignSchool = try #require(
            directory.schools.first { $0.authority != school.authority && has(.monitor, $0.id) },
            "a school under another authority, with a monitor"
        )
        func first(_ officers: [Officer], _ what: String) throws -> Officer {
            try #require(officers.first, "\(what) of \(school.id)")
        }
        officers = [
            .schoolHead: try first(directory.officers(.schoolHead, of: school.id), "a head"),
            .schoolDeputy: try first(directory.officers(.schoolDeputy, of: school.id), "a deputy"),
            .monitor: try first(directory.officers(withRole: .monitor, in: school.id), "a monitor"),
            .policeLiaison: try first(directory.officers(.communePoliceLiaison, of: school.id), "a police liaison"),
            .communeChair: try first(
                directory.officers(.communePeoplesCommittee, of: school.id).filter { $0.roles.contains(.head) },
                "a commune chair"
            ),
            .authorityHead: try first(directory.officers(.authorityHead, of: school.id), "an authority head"),
            .authorityDesk: try first(directory.officers(.authorityDesk, of: school.id), "an authority desk"),
            .authorityLeadership: try first(
                directory.officers(.authorityLeadership, of: school.id),
                "authority leadership"
            ),
            .departmentLeadership: try first(
                directory.officers(.departmentLeadership, of: school.id),
                "department leadership"
            ),
        ]
    }

    /// A bearer token for `caller` (officers hold every scope, so the roles decide), or nil.
    func token(_ caller: APICaller, api: APITestHarness) async throws -> String? {
        if let officer = officers[caller] {
            return try await api.token(officer: officer.id, scopes: Set(Scope.allCases))
        }
        if let scope = caller.toolScope {
            return try await api.token(tool: "matrix-\(scope.rawValue)", scopes: [scope])
        }
        return nil
    }
}
