import Foundation
import HTTPTypes
import WatchpostAPI
import WatchpostCore

/// The closures, duty and absences routes in the authorisation matrix (issue 29): an authority's
/// staff declare for the units they supervise (the Department for every one), an officer records
/// their own absence, a unit's own officers read its closures and duty, a tool with `read` reads,
/// and no tool, link or other officer declares anything.
extension APIAuthorisationMatrixTests {
    /// Whether `caller` is staff of an education authority over the school at `target`.
    static func governs(_ caller: APICaller, _ target: Target) -> Bool {
        switch caller {
        case .departmentLeadership: true
        case .authorityHead, .authorityDesk, .authorityLeadership: target != .foreign
        default: false
        }
    }

    /// The answer to a declaration by `caller`: 401, 403 for a tool or a missing scope, else `allowed`.
    static func declaring(_ caller: APICaller, allowed: Bool, success: HTTPResponse.Status) -> HTTPResponse.Status {
        if caller == .anonymous { return .unauthorized }
        if caller.toolScope != nil { return .forbidden }
        return allowed ? success : .forbidden
    }

    /// The officer whose absences a case is about: the school's deputy, or the foreign monitor.
    static func subject(_ world: World, _ target: Target) -> Officer {
        target == .foreign ? world.foreignMonitor : world.cast.officers[.schoolDeputy]!
    }

    /// Days no other caller's declaration uses, so that every allowed call makes a new one.
    static func days(_ world: World, _ caller: APICaller, _ target: Target) -> [String: String] {
        let index = APICaller.allCases.firstIndex(of: caller)! * 2 + (target == .foreign ? 40 : 1)
        let first = world.today.adding(days: index)
        return ["first_day": first.description, "last_day": first.adding(days: 1).description]
    }

    /// The authority whose duty roster a case is about, and an officer who may be on it.
    static func duty(_ world: World, _ target: Target) -> (authority: UnitID, officer: Officer) {
        let desk = target == .foreign ? world.foreignDesk : world.cast.officers[.authorityDesk]!
        return (desk.unit, desk)
    }

    static let declarationExpectations: [String: @Sendable (World, APICaller) -> [Case]] = [
        "POST /v1/units/{unit}/duty": { world, caller in
            [Target.own, .foreign].map { target in
                let (authority, officer) = duty(world, target)
                return Case(
                    method: .post,
                    uri: "/v1/units/\(authority)/duty",
                    body: days(world, caller, target).merging(["reason": "Trực Tết", "officer": officer.id]) { $1 },
                    status: declaring(caller, allowed: governs(caller, target), success: .created)
                )
            }
        },
        "GET /v1/units/{unit}/duty": { world, caller in
            [Target.own, .foreign].map { target in
                let (authority, _) = duty(world, target)
                let atAuthority = world.cast.officers[caller]?.unit == authority
                let reads = caller == .toolRead || (caller.isOfficer && (governs(caller, target) || atAuthority))
                return Case(
                    method: .get,
                    uri: "/v1/units/\(authority)/duty",
                    status: caller == .anonymous ? .unauthorized : reads ? .ok : .forbidden
                )
            }
        },
        "DELETE /v1/units/{unit}/duty/{id}": { world, caller in
            [Target.own, .foreign].map { target in
                Case(
                    method: .delete,
                    uri: "/v1/units/\(duty(world, target).authority)/duty/\(UUID().canonicalString)",
                    status: declaring(caller, allowed: governs(caller, target), success: .notFound)
                )
            }
        },
        "POST /v1/units/{unit}/closures": { world, caller in
            [Target.own, .foreign].map { target in
                Case(
                    method: .post,
                    uri: "/v1/units/\(world.unit(target))/closures",
                    body: days(world, caller, target).merging(["reason": "Bão số 15"]) { $1 },
                    status: declaring(caller, allowed: governs(caller, target), success: .created)
                )
            }
        },
        "GET /v1/units/{unit}/closures": { world, caller in
            [Target.own, .foreign].map { target in
                let ownStaff = [.schoolHead, .schoolDeputy, .monitor].contains(caller) && target == .own
                let reads = caller == .toolRead || (caller.isOfficer && (governs(caller, target) || ownStaff))
                return Case(
                    method: .get,
                    uri: "/v1/units/\(world.unit(target))/closures",
                    status: caller == .anonymous ? .unauthorized : reads ? .ok : .forbidden
                )
            }
        },
        "DELETE /v1/units/{unit}/closures/{id}": { world, caller in
            [Target.own, .foreign].map { target in
                Case(
                    method: .delete,
                    uri: "/v1/units/\(world.unit(target))/closures/\(UUID().canonicalString)",
                    status: declaring(caller, allowed: governs(caller, target), success: .notFound)
                )
            }
        },
        "POST /v1/officers/{officer}/absences": { world, caller in
            [Target.own, .foreign].map { target in
                let subject = subject(world, target)
                let allowed = governs(caller, target) || world.cast.officers[caller]?.id == subject.id
                return Case(
                    method: .post,
                    uri: "/v1/officers/\(subject.id)/absences",
                    body: days(world, caller, target).merging(["reason": "Nghỉ phép năm"]) { $1 },
                    status: declaring(caller, allowed: allowed, success: .created)
                )
            }
        },
        "GET /v1/officers/{officer}/absences": { world, caller in
            [Target.own, .foreign].map { target in
                let subject = subject(world, target)
                let reads =
                    caller == .toolRead
                    || (caller.isOfficer
                        && (governs(caller, target) || world.cast.officers[caller]?.id == subject.id))
                return Case(
                    method: .get,
                    uri: "/v1/officers/\(subject.id)/absences",
                    status: caller == .anonymous ? .unauthorized : reads ? .ok : .forbidden
                )
            }
        },
        "DELETE /v1/officers/{officer}/absences/{id}": { world, caller in
            [Target.own, .foreign].map { target in
                let subject = subject(world, target)
                let allowed = governs(caller, target) || world.cast.officers[caller]?.id == subject.id
                return Case(
                    method: .delete,
                    uri: "/v1/officers/\(subject.id)/absences/\(UUID().canonicalString)",
                    status: declaring(caller, allowed: allowed, success: .notFound)
                )
            }
        },
    ]
}
