import Foundation
import WatchpostCore
import WatchpostStore

/// What a signed link and a text answer share once each has proved its officer and incident:
/// whether the incident can still be acknowledged by them, and the one step that spends the
/// grant and publishes `incident.acknowledged`, signed for the officer.
enum AcknowledgeGrantUse {
    /// Why an incident can no longer be acknowledged with a grant.
    enum Obstacle: Sendable, Hashable {
        /// It is closed: resolved, or merged into another incident (D60).
        case resolved
        /// It was reopened after the grant was issued: the grant belongs to its previous life.
        case beforeReopen
        /// The officer has acknowledged it already.
        case alreadyAcknowledged
    }

    /// Why `officer` cannot acknowledge `incident` with a grant issued at `issuedAt` (to the
    /// second), or `nil` when they can.
    static func obstacle(_ incident: IncidentState, officer: OfficerID, issuedAt: Date) -> Obstacle? {
        guard incident.status.isOpen else { return .resolved }
        if incident.reopenCount > 0, issuedAt.addingTimeInterval(1) < incident.openedAt { return .beforeReopen }
        if incident.acknowledgedBy.contains(officer) { return .alreadyAcknowledged }
        return nil
    }

    /// Records the grant whose hash is `grantHash` as used and publishes the acknowledgement, in
    /// one step: if the event cannot be produced, the grant stays unused. Returns the obstacle
    /// found instead: `.alreadyAcknowledged` when another grant of the officer acknowledged the
    /// incident (its event may not be applied yet), `nil` when the grant was used before.
    static func spend(
        grantHash: Data,
        incident: IncidentState,
        officer: Officer,
        _ environment: APIEnvironment,
        doing: String
    ) async throws(APIError) -> Result<Void, Refusal> {
        let principal = Principal.officer(officer, .link(incident: incident.id))
        let now = environment.now()
        let event = Event(
            eventID: UUID(),
            incidentID: incident.id,
            occurredAt: now,
            source: principal.source,
            unitID: incident.unitID,
            payload: .acknowledged(IncidentAcknowledged())
        )
        let publisher = EventPublisher(environment: environment)
        let spent = try await IdentityDatabase.run(environment, doing) {
            try await UsedLinkStore(pool: environment.pool).spend(
                signatureHash: grantHash,
                incidentID: incident.id,
                officerID: officer.id,
                since: incident.openedAt,
                now: now
            ) { try await publisher.publish(event, as: principal) }
        }
        switch spent {
        case .spent: return .success(())
        case .used: return .failure(.used)
        case .acknowledged: return .failure(.acknowledged)
        }
    }

    /// Why `spend` did not acknowledge.
    enum Refusal: Error, Sendable, Hashable {
        /// The grant was used before.
        case used
        /// Another grant of the officer acknowledged the incident.
        case acknowledged
    }
}
