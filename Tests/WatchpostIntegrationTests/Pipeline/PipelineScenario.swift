import Foundation
import Kafka
import WatchpostCore
import WatchpostPipeline

/// A deterministic random number generator (SplitMix64), so a failing scenario can be rerun.
struct PipelineRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Mixed incident lifecycles on the sample directory's schools: reports, updates,
/// acknowledgements, actions and resolutions, each incident's events in order.
struct PipelineScenario {
    let directory: Directory
    let policy: Policy
    /// Every event, each incident's events in lifecycle order.
    private(set) var events: [Event] = []

    static func shippedConfiguration() throws -> (Directory, Policy) {
        let directory = try Directory.load(contentsOf: PipelinePaths.config.appendingPathComponent("directory.yaml"))
        let policy = try Policy.load(contentsOf: PipelinePaths.config.appendingPathComponent("routing.yaml"))
        return (directory, policy)
    }

    /// Generates exactly `count` events over about `count / 5` incidents. `vietnamese` writes
    /// the free text in Vietnamese and spreads reports over Facebook, TikTok and Zalo, as the
    /// benchmark's backlog does.
    init(count: Int, seed: UInt64, directory: Directory, policy: Policy, vietnamese: Bool = false) {
        self.directory = directory
        self.policy = policy
        var random = PipelineRandom(state: seed)
        let schools = directory.schools
        let base = Date().addingTimeInterval(-3600)
        var incidentNumber = 0
        while events.count < count {
            incidentNumber += 1
            let school = schools[Int.random(in: 0..<schools.count, using: &random)]
            let head = directory.officers(withRole: .head, in: school.id).first?.id ?? "unknown-officer"
            let deputy = directory.officers(withRole: .deputy, in: school.id).first?.id ?? head
            let incident = UUID.v5(namespace: .watchpost, name: "test-incident:\(seed):\(incidentNumber)")
            var step = 0
            func add(_ payload: EventPayload, source: EventSource) {
                guard events.count < count else { return }
                step += 1
                events.append(
                    Event(
                        eventID: UUID.v5(namespace: .watchpost, name: "test-event:\(seed):\(incidentNumber):\(step)"),
                        incidentID: incident,
                        occurredAt: base.addingTimeInterval(Double(incidentNumber) + Double(step) / 10),
                        source: source,
                        unitID: school.id,
                        payload: payload
                    )
                )
            }
            let tool = EventSource(kind: .tool, id: "monitor-tool")
            let platform: Platform =
                vietnamese ? [.facebook, .tiktok, .zalo].randomElement(using: &random)! : .facebook
            let url = Self.url(on: platform, seed: seed, number: incidentNumber)
            let category = IncidentCategory.allCases.randomElement(using: &random) ?? .other
            let severity = Severity.allCases.randomElement(using: &random) ?? .medium
            let subjects = [SubjectRole.allCases.randomElement(using: &random) ?? .student]
            add(
                .reported(
                    IncidentReported(
                        platform: platform,
                        urls: [url],
                        category: category,
                        severity: severity,
                        subjects: subjects,
                        summary: vietnamese
                            ? Self.vietnameseSummaries[incidentNumber % Self.vietnameseSummaries.count]
                                + " (vụ \(incidentNumber))"
                            : "Test incident \(incidentNumber)",
                        dedupKey: DedupKey.defaultKey(forFirstURL: url)
                    )
                ),
                source: tool
            )
            if Bool.random(using: &random) {
                add(
                    .updated(
                        IncidentUpdated(
                            summary: vietnamese
                                ? "Bài đăng đã được chia sẻ thêm trong nhóm lớp (vụ \(incidentNumber))"
                                : "Updated \(incidentNumber)",
                            addedURLs: [url + "/2"]
                        )
                    ),
                    source: tool
                )
            }
            let acknowledger = Bool.random(using: &random) ? head : deputy
            add(
                .acknowledged(IncidentAcknowledged(note: "seen")),
                source: EventSource(kind: .officer, id: acknowledger)
            )
            add(
                .actionRecorded(ActionRecorded(action: ActionKind.allCases.randomElement(using: &random) ?? .other)),
                source: EventSource(kind: .officer, id: head)
            )
            if Int.random(in: 0..<4, using: &random) > 0 {
                add(.resolved(IncidentResolved(note: "done")), source: EventSource(kind: .officer, id: head))
            }
        }
    }

    /// A post's address on `platform`, in the shape the platform gives it.
    static func url(on platform: Platform, seed: UInt64, number: Int) -> String {
        switch platform {
        case .tiktok: "https://www.tiktok.com/@hocsinh\(number % 97)/video/\(7_300_000_000 + UInt64(number) * 7 + seed)"
        case .zalo: "https://zalo.me/g/nhomlop\(seed)x\(number)"
        default: "https://www.facebook.com/posts/\(seed)-\(number)"
        }
    }

    /// Report summaries as monitoring officers write them.
    static let vietnameseSummaries = [
        "Tài khoản lạ đăng tin sai sự thật về việc học sinh bị đánh trước cổng trường",
        "Video quay cảnh xô xát giữa hai nhóm học sinh được chia sẻ trên mạng xã hội",
        "Bài viết xúc phạm giáo viên chủ nhiệm, kèm hình ảnh chưa được xác minh",
        "Tin đồn nhà trường thu thêm khoản phí trái quy định lan truyền trong nhóm phụ huynh",
        "Nhóm kín rủ rê học sinh tham gia cá độ bóng đá qua mạng",
    ]

    /// The Kafka messages: key = incident id, value = canonical envelope, signed for its source
    /// with the tests' keys as Watchpost's producers sign (D18).
    func messages(topic: String = PipelineBroker.eventsTopic) -> [KafkaProducerMessage] {
        let encoder = EventEncoder()
        return events.map {
            KafkaProducerMessage.event(
                topic: topic,
                incidentID: $0.incidentID,
                value: encoder.encode($0),
                signer: $0.source,
                keyring: TestEventKeys.keyring
            )
        }
    }

    /// Splits the messages over `producers` producers, every incident wholly in one of them.
    func messages(splitInto producers: Int) -> [[KafkaProducerMessage]] {
        var parts = Array(repeating: [KafkaProducerMessage](), count: producers)
        for message in messages() {
            let key = message.key ?? []
            let slot = Int(key.reduce(UInt32(0)) { $0 &* 31 &+ UInt32($1) } % UInt32(producers))
            parts[slot].append(message)
        }
        return parts
    }

    /// What the store must end up with, computed by the pure router over the same events.
    func expectation() -> PipelineExpectation {
        var states: [UUID: IncidentState] = [:]
        var alerts: Set<UUID> = []
        var obligations: Set<UUID> = []
        var rejected = 0
        let now = Date()
        for event in events {
            let current = states[event.incidentID]
            var openForKey: IncidentState?
            if current == nil, case .reported(let report) = event.payload {
                openForKey = states.values.first {
                    $0.unitID == event.unitID && $0.dedupKey == report.dedupKey && $0.status != .resolved
                }
            }
            let decision = Router.route(
                RoutingInput(
                    event: event,
                    incident: current,
                    openIncidentForDedupKey: openForKey,
                    directory: directory,
                    policy: policy,
                    now: now
                )
            )
            if case .rejected = decision.outcome { rejected += 1 }
            if let id = decision.incidentID, let state = decision.incident { states[id] = state }
            alerts.formUnion(decision.alerts.map(\.id))
            obligations.formUnion(decision.obligationsOpened.map(\.id))
        }
        return PipelineExpectation(
            events: events.count,
            incidents: states.count,
            alerts: alerts.count,
            obligations: obligations.count,
            routingRejected: rejected
        )
    }
}

/// Row counts the store must reach.
struct PipelineExpectation: Equatable, CustomStringConvertible {
    var events: Int
    var incidents: Int
    var alerts: Int
    var obligations: Int
    var routingRejected: Int

    var description: String {
        "events \(events), incidents \(incidents), alerts \(alerts), obligations \(obligations), routing-rejected \(routingRejected)"
    }
}
