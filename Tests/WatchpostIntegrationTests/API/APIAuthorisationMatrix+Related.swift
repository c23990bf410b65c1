import Foundation
import HTTPTypes
import WatchpostAPI
import WatchpostCore

/// Relating incidents in the authorisation matrix (issue 30): only the staff of an education
/// authority over both schools relate or unrelate; a school's own officers, the police, the
/// commune, monitors and tools never do.
extension APIAuthorisationMatrixTests {
    /// The answer to relating the incident at `.own` with the one at `target`.
    static func relating(_ world: World, _ caller: APICaller, _ target: Target) -> HTTPResponse.Status {
        if caller == .anonymous { return .unauthorized }
        if caller.toolScope != nil { return .forbidden }
        return governs(caller, .own) && governs(caller, target) ? .ok : .forbidden
    }

    static let relatedExpectations: [String: @Sendable (World, APICaller) -> [Case]] = [
        "POST /v1/incidents/{id}/related": { world, caller in
            [Target.quiet, .foreign].map { target in
                Case(
                    method: .post,
                    uri: "/v1/incidents/\(world.incident[.own]!.canonicalString)/related",
                    body: ["incident": world.incident[target]!.canonicalString, "note": "Cùng một tin đồn"],
                    status: relating(world, caller, target),
                    code: relating(world, caller, target) == .forbidden && caller.isOfficer ? "forbidden_relation" : nil
                )
            }
        },
        "DELETE /v1/incidents/{id}/related/{other}": { world, caller in
            [Target.quiet, .foreign].map { target in
                Case(
                    method: .delete,
                    uri: "/v1/incidents/\(world.incident[.own]!.canonicalString)/related/"
                        + world.incident[target]!.canonicalString,
                    status: relating(world, caller, target)
                )
            }
        },
    ]
}
