import Foundation
import Kafka
import Postgres

/// The soak's publish-to-stored latency. The last event of every second's batch is a probe: the
/// soak notes when it started to publish it, and once a worker has stored it, `events.received_at`
/// (the worker's store transaction, on the same machine's clock) says when. Probes not yet stored
/// wait for a later sample, so a backlog shows as latency rather than as a gap.
struct SoakProbes {
    private var pending: [UUID: Date] = [:]

    mutating func published(_ message: KafkaProducerMessage?, at time: Date) {
        guard
            let message,
            let object = try? JSONSerialization.jsonObject(with: Data(message.value)) as? [String: Any],
            let text = object["event_id"] as? String,
            let eventID = UUID(uuidString: text)
        else { return }
        pending[eventID] = time
    }

    /// The largest latency, in seconds, among the probes stored since the last call; zero when
    /// none was.
    mutating func resolve(in database: PipelineDatabase) async throws -> Double {
        guard !pending.isEmpty else { return 0 }
        let ids = Array(pending.keys)
        let rows = try await database.rows(
            "SELECT event_id, received_at FROM events WHERE event_id = ANY(\(ids)::uuid[])"
        )
        var largest = 0.0
        for row in rows {
            let eventID = try row.decode(UUID.self, at: 0)
            guard let sent = pending.removeValue(forKey: eventID) else { continue }
            largest = max(largest, try row.decode(Date.self, at: 1).timeIntervalSince(sent))
        }
        return largest
    }
}
