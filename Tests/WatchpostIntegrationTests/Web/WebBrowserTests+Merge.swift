import Foundation
import WatchpostCore
import WatchpostStore

extension WebBrowserTests {
    /// Two reports of one rumour at Trường Tiểu học Bình Long, the second merged into the first by
    /// the authority's head (D60), applied as a worker would; returns (survivor, duplicate).
    static func seedMergedDuplicate(_ stack: WebTestStack) async throws -> (survivor: UUID, duplicate: UUID) {
        let (survivor, duplicate) = (UUID(), UUID())
        let now = Date()
        func report(_ incident: UUID, _ post: String) -> Event {
            Event(
                eventID: UUID(),
                incidentID: incident,
                occurredAt: now.addingTimeInterval(-600),
                source: EventSource(kind: .officer, id: WebScenario.monitor),
                unitID: "th-binh-long",
                payload: .reported(
                    IncidentReported(
                        platform: .facebook,
                        urls: ["https://www.facebook.com/groups/phuhuynh-binhlong/posts/\(post)"],
                        category: .falseInformation,
                        severity: .medium,
                        subjects: [],
                        summary: "Tin đồn trường cho học sinh nghỉ học cả tuần được chia sẻ trong nhóm phụ huynh.",
                        dedupKey: "binh-long-\(post)"
                    )
                )
            )
        }
        let merge = Event(
            eventID: UUID(),
            incidentID: duplicate,
            occurredAt: now,
            source: EventSource(kind: .officer, id: "tp-vhxh-binh-son"),
            unitID: "th-binh-long",
            payload: .merged(IncidentMerged(into: survivor, note: "Cùng một tin đồn"))
        )
        let store = EventStore(
            pool: stack.environment.pool,
            directory: stack.directory,
            policy: stack.environment.policy,
            logger: PipelineInProcessWorker.logger
        )
        for (offset, event) in [report(survivor, "1001"), report(duplicate, "1002"), merge].enumerated() {
            let inbound = InboundEvent(
                event: event,
                topic: "seed",
                partition: 0,
                offset: Int64(offset),
                raw: EventEncoder().encode(event)
            )
            _ = try await store.applyRetrying([inbound], now: now)
        }
        return (survivor, duplicate)
    }
}
