import Foundation
import WatchpostCore
import WatchpostStore

/// The alerts that tell the escalation chain a delivery died: one `delivery.failed` alert, with
/// its delivery, to each authority desk officer of the school, so a person can phone the
/// recipient. Ids are deterministic (a second dispatcher recording the same death writes
/// nothing new), and a failed `delivery.failed` alert raises no further one. A sign-in message
/// that dies raises none: it concerns no school, and the officer can ask again. Nor does a
/// report: it concerns no incident, and its dead deliveries are counted like any other.
enum DeliveryFailureNotice {
    static func alerts(
        for claimed: ClaimedDelivery,
        directory: Directory,
        now: Date
    ) -> (alerts: [Alert], deliveries: [Delivery]) {
        guard case .alert(let claimedAlert) = claimed.content, claimedAlert.alert.template != .deliveryFailed else {
            return ([], [])
        }
        let incident = claimedAlert.incident
        let cause = "delivery-failed:\(claimed.id.uuidString.lowercased())"
        var alerts: [Alert] = []
        var deliveries: [Delivery] = []
        for officer in directory.officers(.authorityDesk, of: incident.unitID)
        where officer.id != claimed.recipient {
            let alert = Alert(
                id: DerivedID.alert(
                    incident: incident.id,
                    cause: cause,
                    officer: officer.id,
                    template: .deliveryFailed
                ),
                incidentID: incident.id,
                eventID: nil,
                recipient: officer.id,
                relation: .authorityDesk,
                template: .deliveryFailed,
                reason: "\(cause):\(claimed.recipient)",
                obligationID: claimedAlert.alert.obligationID,
                createdAt: now
            )
            alerts.append(alert)
            deliveries.append(
                Delivery(
                    id: DerivedID.delivery(alert: alert.id),
                    alertID: alert.id,
                    recipient: officer.id,
                    locale: officer.locale,
                    channels: officer.channels
                )
            )
        }
        return (alerts, deliveries)
    }
}
