import Foundation
import WatchpostCore

/// Builders of envelope JSON for the event tests.
enum EventSamples {
    static let knownUnits: Set<String> = ["thcs-binh-son", "th-binh-chau"]

    static let decoder = EventDecoder(knownUnit: { knownUnits.contains($0) })

    static let eventID = "0b6a4c1e-6a0f-4a7e-9a55-2f1f4b7f0c11"
    static let incidentID = "4f1c2a3b-5d6e-4f70-8a91-b2c3d4e5f607"

    /// A valid envelope of `type` with `data`, as a JSON object graph.
    static func envelope(type: String = "incident.reported", data: [String: Any]? = nil) -> [String: Any] {
        [
            "schema_version": 1,
            "event_id": eventID,
            "type": type,
            "incident_id": incidentID,
            "occurred_at": "2026-11-29T10:15:00+07:00",
            "source": ["kind": "officer", "id": "gs-thcs-binh-son"],
            "unit_id": "thcs-binh-son",
            "data": data ?? reportedData,
        ]
    }

    static var reportedData: [String: Any] {
        [
            "platform": "tiktok",
            "urls": ["https://www.tiktok.com/@user/video/7300000000000000001"],
            "category": "school_violence",
            "severity": "high",
            "subjects": ["student"],
            "summary": "Video of a fight behind the school gym is being shared",
        ]
    }

    /// Serialises a JSON object graph (test input only).
    static func bytes(_ object: [String: Any]) -> [UInt8] {
        (try? Array(JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))) ?? []
    }

    /// Decodes `object` with the sample decoder.
    static func decode(_ object: [String: Any], now: Date? = nil) -> Result<Event, EventRejection> {
        decoder.decode(bytes(object), now: now)
    }

    /// Decodes raw text with the sample decoder.
    static func decode(text: String) -> Result<Event, EventRejection> {
        decoder.decode(Array(text.utf8))
    }
}

extension Result where Failure == EventRejection {
    /// The rejection, or nil if decoding succeeded.
    var rejection: EventRejection? {
        if case let .failure(rejection) = self { return rejection }
        return nil
    }
}

extension Result {
    /// The success value, or nil.
    var value: Success? {
        if case let .success(value) = self { return value }
        return nil
    }
}
