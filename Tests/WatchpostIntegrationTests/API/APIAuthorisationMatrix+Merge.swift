import Foundation
import HTTPTypes
import WatchpostAPI
import WatchpostCore

/// Merging incidents in the authorisation matrix (D60): the staff of an education authority over
/// both schools, or the head of the one school of both; nobody else. Nothing is applied in the
/// matrix (no worker runs), so every allowed merge is accepted and every unmerge finds the
/// incident not merged.
extension APIAuthorisationMatrixTests {
    /// The answer to merging (or unmerging) the incident at `.own` with the one at `target`;
    /// `success` when allowed.
    static func merging(
        _ world: World,
        _ caller: APICaller,
        _ target: Target,
        success: HTTPResponse.Status
    ) -> HTTPResponse.Status {
        if caller == .anonymous { return .unauthorized }
        guard world.acts(caller, .own) else { return .forbidden }
        let heads = caller == .schoolHead && target != .foreign
        return (governs(caller, .own) && governs(caller, target)) || heads ? success : .forbidden
    }

    /// `forbidden_merge` for an officer who may act on the incident but not merge it.
    static func mergeDenial(_ world: World, _ caller: APICaller, _ status: HTTPResponse.Status) -> String? {
        status == .forbidden && caller.isOfficer && world.acts(caller, .own) ? "forbidden_merge" : nil
    }

    static let mergeExpectations: [String: @Sendable (World, APICaller) -> [Case]] = [
        "POST /v1/incidents/{id}/merge": { world, caller in
            [Target.quiet, .foreign].map { target in
                let status = merging(world, caller, target, success: .accepted)
                return Case(
                    method: .post,
                    uri: "/v1/incidents/\(world.incident[.own]!.canonicalString)/merge",
                    body: ["into": world.incident[target]!.canonicalString, "note": "Cùng một tin đồn"],
                    status: status,
                    code: mergeDenial(world, caller, status)
                )
            }
        },
        "POST /v1/incidents/{id}/unmerge": { world, caller in
            let status = merging(world, caller, .own, success: .conflict)
            return [
                Case(
                    method: .post,
                    uri: "/v1/incidents/\(world.incident[.own]!.canonicalString)/unmerge",
                    body: [String: String](),
                    status: status,
                    code: status == .conflict ? "not_merged" : mergeDenial(world, caller, status)
                )
            ]
        },
    ]
}
