import Foundation
import WatchpostCore

extension PeriodReport {
    /// The alert deliveries of the period to one officer, by what is known of each when the
    /// report is read (D61). A delivery the receiving side accepted (`delivered`) is
    /// `confirmed` when a receipt says it reached the officer (Zalo's receipt, the SMS gateway's
    /// delivery report, a call that was answered), `undelivered` when a receipt says the network
    /// gave up on it, `unconfirmed` when it went through a channel that sends receipts and none
    /// came, and otherwise accepted by a channel that sends none (e-mail, webhook), whose
    /// acceptance is the last word it gives.
    public struct RecipientDeliveries: Sendable, Hashable, Codable {
        /// The officer.
        public var officerID: OfficerID
        /// The officer's name in the directory, if still there.
        public var officerName: String?
        /// Deliveries created in the period that gave up.
        public var dead: Int
        /// Deliveries created in the period that the receiving side accepted.
        public var delivered: Int
        /// Of `delivered`, those a receipt says reached the officer.
        public var confirmed: Int
        /// Of `delivered`, those a receipt says never reached the officer.
        public var undelivered: Int
        /// Of `delivered`, those sent through a channel that sends receipts, with none yet.
        public var unconfirmed: Int
        /// Nothing of the period is known to have reached this officer (no delivery confirmed,
        /// none accepted by a channel without receipts) and at least one was dead or undelivered.
        public var unreachable: Bool

        /// Creates the figures of one officer; `unreachable` follows from the counts.
        public init(
            officerID: OfficerID,
            officerName: String?,
            dead: Int,
            delivered: Int,
            confirmed: Int = 0,
            undelivered: Int = 0,
            unconfirmed: Int = 0
        ) {
            self.officerID = officerID
            self.officerName = officerName
            self.dead = dead
            self.delivered = delivered
            self.confirmed = confirmed
            self.undelivered = undelivered
            self.unconfirmed = unconfirmed
            unreachable = delivered - undelivered - unconfirmed == 0 && dead + undelivered > 0
        }

        /// Of `delivered`, those accepted by a channel that sends no receipts.
        public var acceptedWithoutReceipt: Int { delivered - confirmed - undelivered - unconfirmed }

        /// Whether the report lists the officer: some delivery did not reach them, or nothing
        /// is known to have reached them and some wait for a receipt.
        public var isListed: Bool {
            dead + undelivered > 0 || (unconfirmed > 0 && confirmed + acceptedWithoutReceipt == 0)
        }
    }
}

extension PeriodReport.RecipientDeliveries {
    /// Decodes the figures, including those stored before receipts were counted (a scheduled
    /// report's earlier runs), which had none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        officerID = try container.decode(OfficerID.self, forKey: .officerID)
        officerName = try container.decodeIfPresent(String.self, forKey: .officerName)
        dead = try container.decode(Int.self, forKey: .dead)
        delivered = try container.decode(Int.self, forKey: .delivered)
        confirmed = try container.decodeIfPresent(Int.self, forKey: .confirmed) ?? 0
        undelivered = try container.decodeIfPresent(Int.self, forKey: .undelivered) ?? 0
        unconfirmed = try container.decodeIfPresent(Int.self, forKey: .unconfirmed) ?? 0
        unreachable = try container.decode(Bool.self, forKey: .unreachable)
    }
}
