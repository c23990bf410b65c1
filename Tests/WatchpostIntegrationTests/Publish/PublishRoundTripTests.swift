import Foundation
import Kafka
import Testing
import WatchpostCore

/// `watchpost publish` against a real Kafka-protocol broker: what monitoring staff send is what
/// the workers will read, keyed by incident.
@Suite(.timeLimit(.minutes(5)))
struct PublishRoundTripTests {
    @Test func reportArrivesKeyedByIncidentAndDecodesToTheReportedEvent() async throws {
        let kafka = try PublishBroker()
        let before = Date()
        let run = try await PublishHarness.run(
            ["publish", "report"] + kafka.flags + [
                "--officer", "gs-thcs-binh-son", "--unit", "thcs-binh-son", "--platform", "tiktok",
                "--url", "https://www.tiktok.com/@user/video/7300000000000000001?utm_source=x",
                "--category", "school_violence", "--severity", "high", "--subject", "student",
                "--summary", "  Video of a fight behind the school gym is being shared ",
            ]
        )
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let line = try #require(run.stdout.split(separator: "\n").first)
        let printed = PublishHarness.fields(line)
        let eventID = try #require(printed["event_id"].flatMap(UUID.init(uuidString:)))
        let incidentID = try #require(printed["incident_id"].flatMap(UUID.init(uuidString:)))

        let message = try #require(try await PublishHarness.consume(1, from: kafka.topic, brokers: kafka.brokers).first)
        #expect(message.key == Array(incidentID.uuidString.lowercased().utf8))
        #expect(printed["partition"] == String(message.partition))
        #expect(printed["offset"] == String(message.offset))

        let directory = try PublishHarness.directory()
        let decoder = EventDecoder(knownUnit: { directory.unit($0) != nil })
        let event = try decoder.decode(message.value).get()
        #expect(event.eventID == eventID)
        #expect(event.incidentID == incidentID)
        #expect(event.unitID == "thcs-binh-son")
        #expect(event.source == EventSource(kind: .officer, id: "gs-thcs-binh-son"))
        #expect(event.occurredAt >= before.addingTimeInterval(-1) && event.occurredAt <= Date().addingTimeInterval(1))
        let expected = IncidentReported(
            platform: .tiktok,
            urls: ["https://www.tiktok.com/@user/video/7300000000000000001?utm_source=x"],
            category: .schoolViolence,
            severity: .high,
            subjects: [.student],
            summary: "Video of a fight behind the school gym is being shared",
            dedupKey: "tiktok:video:7300000000000000001"
        )
        #expect(event.payload == .reported(expected))
        // The bytes on the topic are the canonical encoding: re-encoding changes nothing.
        #expect(EventEncoder().encode(event) == message.value)
    }

    @Test func followUpsOfOneIncidentShareItsPartitionInOrder() async throws {
        let kafka = try PublishBroker(partitions: 8)
        let incident = UUID().uuidString.lowercased()
        let steps: [[String]] = [
            ["ack", "--officer", "ht-th-thcs-binh-khuong", "--note", "Đã nắm sự việc"],
            [
                "action", "--officer", "ht-th-thcs-binh-khuong", "--action", "correction_published",
                "--evidence-url", "https://www.facebook.com/th.thcs.binhkhuong/posts/789",
            ],
            ["escalate", "--officer", "cv-vhxh-binh-minh", "--level", "1", "--note", "Parents are worried"],
            ["resolve", "--officer", "ht-th-thcs-binh-khuong"],
            ["reopen", "--officer", "gs-th-thcs-binh-khuong", "--reason", "Re-uploaded from another account"],
            ["update", "--officer", "gs-th-thcs-binh-khuong", "--severity", "critical", "--add-subject", "teacher"],
        ]
        var printed: [[String: String]] = []
        for step in steps {
            let run = try await PublishHarness.run(
                ["publish"] + step + kafka.flags + ["--unit", "th-thcs-binh-khuong", "--incident", incident, "--json"]
            )
            #expect(run.status == 0, "\(step[0]): \(run.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            printed.append((object ?? [:]).mapValues { "\($0)" })
        }
        let messages = try await PublishHarness.consume(steps.count, from: kafka.topic, brokers: kafka.brokers)
        let directory = try PublishHarness.directory()
        let decoder = EventDecoder(knownUnit: { directory.unit($0) != nil })
        let events = try messages.map { try decoder.decode($0.value).get() }
        #expect(Set(messages.map(\.partition)).count == 1)
        #expect(messages.map(\.offset) == messages.map(\.offset).sorted())
        #expect(
            events.map(\.type) == [
                .incidentAcknowledged, .actionRecorded, .incidentEscalated, .incidentResolved, .incidentReopened,
                .incidentUpdated,
            ]
        )
        #expect(events.map(\.eventID.uuidString).map { $0.lowercased() } == printed.map { $0["event_id"] ?? "" })
        #expect(events.allSatisfy { $0.incidentID.uuidString.lowercased() == incident })
        #expect(printed.allSatisfy { $0["incident_id"] == incident && $0["topic"] == kafka.topic })
        #expect(
            events[1].payload
                == .actionRecorded(
                    ActionRecorded(
                        action: .correctionPublished,
                        evidenceURL: "https://www.facebook.com/th.thcs.binhkhuong/posts/789"
                    )
                )
        )
        #expect(
            events[2].payload == .escalated(IncidentEscalated(level: 1, reason: .manual, note: "Parents are worried"))
        )
        #expect(events[5].payload == .updated(IncidentUpdated(severity: .critical, addedSubjects: [.teacher])))
    }

    @Test func envelopesFromStandardInputAreSentUnchanged() async throws {
        let kafka = try PublishBroker()
        let incident = UUID().uuidString.lowercased()
        let first =
            #"{"schema_version":1,"event_id":"\#(UUID().uuidString)","type":"incident.reported","incident_id":"\#(incident)","#
            + #""occurred_at":"2026-01-05T08:00:00+07:00","source":{"kind":"tool","id":"fb-crawler"},"unit_id":"thcs-binh-son","#
            + #""data":{"platform":"facebook","urls":["https://www.facebook.com/groups/1/posts/2"],"category":"false_information","#
            + #""severity":"medium","subjects":["teacher"],"summary":"Tin đồn chưa kiểm chứng về nhà trường"}}"#
        let second =
            #"{"schema_version":1,"event_id":"\#(UUID().uuidString)","type":"incident.acknowledged","incident_id":"\#(incident)","#
            + #""occurred_at":"2026-01-05T08:30:00+07:00","source":{"kind":"officer","id":"ht-thcs-binh-son"},"unit_id":"thcs-binh-son","data":{}}"#
        let run = try await PublishHarness.run(
            ["publish", "report", "--file", "-"] + kafka.flags,
            stdin: first + "\n\n" + second + "\n"
        )
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.split(separator: "\n").count == 2)
        let messages = try await PublishHarness.consume(2, from: kafka.topic, brokers: kafka.brokers)
        #expect(messages.map { String(decoding: $0.value, as: UTF8.self) } == [first, second])
        #expect(messages.allSatisfy { $0.key == Array(incident.utf8) })
    }
}
