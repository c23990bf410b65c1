import Foundation
import Kafka
import WatchpostCore
import WatchpostFuzz

/// The traffic of the hostile-traffic test: good tool reports (some with SQL and HTML in their
/// text, some sent twice), and hostile messages of every kind, each with the stage at which a
/// worker must refuse it.
struct HostileTraffic {
    /// One message and, for a hostile one, the stage of its `rejected_events` row.
    struct Message {
        var message: KafkaProducerMessage
        /// `decode`, `auth` or `conflict`; nil for a good event.
        var stage: String?
    }

    static let school = "thcs-binh-son"

    /// Every message, in the order sent; a good event always comes before a message reusing its id
    /// under the same key, so the first body wins.
    private(set) var messages: [Message] = []
    /// The good events, each to be stored exactly once.
    private(set) var good: [Event] = []

    /// `hostileCount` hostile messages, one after every good event, plus a repeat of one in a hundred.
    init(hostileCount: Int, runID: String) {
        for number in 0..<hostileCount {
            let event = Self.goodEvent(number, runID: runID)
            good.append(event)
            messages.append(Message(message: Self.message(EventEncoder().encode(event), key: event), stage: nil))
            if number % 50 == 0 {
                // The same bytes again: an idempotent duplicate, neither stored twice nor rejected.
                messages.append(messages[messages.count - 1])
            }
            let kind = HostileKind.allCases[number % HostileKind.allCases.count]
            let hostile = kind.message(number, after: event)
            messages.append(hostile)
            if number % 100 == 1 {
                // The same hostile bytes again: rejections are kept per source offset, so two rows.
                messages.append(hostile)
            }
        }
    }

    /// A tool report; every third carries SQL or HTML metacharacters in its summary and source id.
    static func goodEvent(_ number: Int, runID: String) -> Event {
        var event = Event.toolReport(
            eventID: UUID.v5(namespace: .watchpost, name: "hostile-good:\(runID):\(number)"),
            incidentID: UUID.v5(namespace: .watchpost, name: "hostile-incident:\(runID):\(number)"),
            occurredAt: Date().addingTimeInterval(-60),
            unit: school,
            url: "https://www.facebook.com/hostile/\(runID)/\(number)",
            summary: "Bài đăng số \(number) cần kiểm tra"
        )
        if number % 3 == 0 {
            let markup = HostileText.markup[number / 3 % HostileText.markup.count]
            event.source.id = markup
            if case .reported(var body) = event.payload {
                body.summary = "\(markup) #\(number)"
                event.payload = .reported(body)
            }
        }
        return event
    }

    /// `value` keyed by the incident of `event`, with optional headers.
    static func message(_ value: [UInt8], key event: Event, headers: [KafkaHeader] = []) -> KafkaProducerMessage {
        KafkaProducerMessage(
            topic: PipelineBroker.eventsTopic,
            key: Array(event.incidentID.canonicalString.utf8),
            value: value,
            headers: headers
        )
    }
}
