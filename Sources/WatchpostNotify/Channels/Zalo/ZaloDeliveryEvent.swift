import Crypto
import Foundation

/// One event Zalo posts to the Official Account's webhook, as far as Watchpost reads it: the
/// `user_received_message` event says a message (by `msg_id`) reached the user's device.
public struct ZaloDeliveryEvent: Sendable, Hashable {
    /// The event's name, e.g. `user_received_message`.
    public var name: String
    /// The app the event is for (`app_id`).
    public var appID: String
    /// When Zalo sent the event (`timestamp`, milliseconds since 1970, as text), which the
    /// signature covers.
    public var timestamp: String
    /// The message the event is about (`message.msg_id`), when it names one.
    public var messageID: String?
    /// When the device received it (`message.delivery_time`, else `timestamp`).
    public var deliveredAt: Date?

    /// Whether the event reports that a message reached its recipient.
    public var isReceipt: Bool { name == "user_received_message" && messageID != nil }

    /// Reads an event body.
    ///
    /// - Throws: `ZaloEventError` naming the field that is missing or wrong.
    public static func parse(_ body: Data) throws(ZaloEventError) -> ZaloDeliveryEvent {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw ZaloEventError(field: "body", reason: "must be a JSON object")
        }
        guard let name = text(object["event_name"]), !name.isEmpty else {
            throw ZaloEventError(field: "event_name", reason: "is required")
        }
        guard let appID = text(object["app_id"]), !appID.isEmpty else {
            throw ZaloEventError(field: "app_id", reason: "is required")
        }
        guard let timestamp = text(object["timestamp"]), Int64(timestamp) != nil else {
            throw ZaloEventError(field: "timestamp", reason: "must be milliseconds since 1970")
        }
        let message = object["message"] as? [String: Any]
        let delivered = text(message?["delivery_time"]).flatMap(Int64.init) ?? Int64(timestamp)
        return ZaloDeliveryEvent(
            name: name,
            appID: appID,
            timestamp: timestamp,
            messageID: text(message?["msg_id"]).flatMap { $0.isEmpty ? nil : $0 },
            deliveredAt: delivered.map { Date(timeIntervalSince1970: TimeInterval($0) / 1000) }
        )
    }

    /// The `timestamp` an event body carries, which its signature covers; `nil` when there is
    /// none, and then the signature cannot be checked.
    public static func signedTimestamp(in body: Data) -> String? {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else { return nil }
        return text(object["timestamp"])
    }

    /// Whether `header` (`X-ZEvent-Signature`) signs `body`: `mac=` and the hex SHA-256 of
    /// app id + body + timestamp + the Official Account's secret key.
    public static func verify(
        body: Data,
        header: String?,
        appID: String,
        timestamp: String,
        secretKey: String
    ) -> Bool {
        guard var given = header?.trimmingCharacters(in: .whitespaces), !secretKey.isEmpty else { return false }
        if given.lowercased().hasPrefix("mac=") { given = String(given.dropFirst(4)) }
        let expected = signature(body: body, appID: appID, timestamp: timestamp, secretKey: secretKey)
        let a = Array(given.lowercased().utf8)
        let b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        // Constant time: the comparison must not reveal how much of a forged signature matched.
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The hex digest Zalo sends after `mac=`.
    public static func signature(body: Data, appID: String, timestamp: String, secretKey: String) -> String {
        var signed = Data(appID.utf8)
        signed.append(body)
        signed.append(Data(timestamp.utf8))
        signed.append(Data(secretKey.utf8))
        return SHA256.hash(data: signed).map { String(format: "%02x", $0) }.joined()
    }

    private static func text(_ value: Any?) -> String? {
        switch value {
        case let text as String: text
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }
}

/// Why a Zalo event body could not be read: the field and the reason.
public struct ZaloEventError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field, e.g. `timestamp`.
    public var field: String
    /// What is wrong with it.
    public var reason: String

    /// Creates an error.
    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    /// `field: reason`.
    public var description: String { "\(field): \(reason)" }
}
