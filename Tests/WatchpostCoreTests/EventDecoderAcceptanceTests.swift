import Foundation
import Testing
import WatchpostCore

@Suite struct EventDecoderAcceptanceTests {
    private func decoded(_ type: String, _ data: [String: Any]) throws -> Event {
        let result = EventSamples.decode(EventSamples.envelope(type: type, data: data))
        if let rejection = result.rejection { Issue.record("\(rejection)") }
        return try #require(result.value)
    }

    private let expectedTime = Date(timeIntervalSince1970: 1_795_922_100)  // 2026-11-29T03:15:00Z

    @Test func reportDecodesWithExactValues() throws {
        let event = try decoded("incident.reported", EventSamples.reportedData)
        #expect(event.schemaVersion == 1)
        #expect(event.eventID == UUID(uuidString: EventSamples.eventID))
        #expect(event.incidentID == UUID(uuidString: EventSamples.incidentID))
        #expect(event.occurredAt == expectedTime)
        #expect(event.source == EventSource(kind: .officer, id: "gs-thcs-binh-son"))
        #expect(event.unitID == "thcs-binh-son")
        #expect(event.type == .incidentReported)
        #expect(
            event.payload
                == .reported(
                    IncidentReported(
                        platform: .tiktok,
                        urls: ["https://www.tiktok.com/@user/video/7300000000000000001"],
                        category: .schoolViolence,
                        severity: .high,
                        subjects: [.student],
                        summary: "Video of a fight behind the school gym is being shared",
                        dedupKey: "tiktok:video:7300000000000000001"
                    )
                )
        )
    }

    @Test func reportKeepsAGivenDedupKeyAndAcceptsNoSubjects() throws {
        var data = EventSamples.reportedData
        data["dedup_key"] = "  case-17 "
        data["subjects"] = [String]()
        let event = try decoded("incident.reported", data)
        guard case let .reported(body) = event.payload else { throw Unexpected.payload }
        #expect(body.dedupKey == "case-17")
        #expect(body.subjects.isEmpty)
    }

    @Test func updateDecodesOnlyThePresentFields() throws {
        let event = try decoded(
            "incident.updated",
            ["severity": "critical", "added_urls": ["https://zalo.me/g/abc"], "added_subjects": ["teacher"]]
        )
        #expect(
            event.payload
                == .updated(
                    IncidentUpdated(
                        severity: .critical,
                        addedURLs: ["https://zalo.me/g/abc"],
                        addedSubjects: [.teacher]
                    )
                )
        )
        let summaryOnly = try decoded(
            "incident.updated",
            ["summary": "Now also on Facebook", "category": "false_information"]
        )
        #expect(
            summaryOnly.payload
                == .updated(IncidentUpdated(category: .falseInformation, summary: "Now also on Facebook"))
        )
    }

    @Test func acknowledgementAndResolutionDecodeWithAndWithoutNote() throws {
        #expect(try decoded("incident.acknowledged", [:]).payload == .acknowledged(IncidentAcknowledged()))
        #expect(
            try decoded("incident.acknowledged", ["note": "On it"]).payload
                == .acknowledged(IncidentAcknowledged(note: "On it"))
        )
        #expect(
            try decoded("incident.resolved", ["note": "Removed; correction posted"]).payload
                == .resolved(IncidentResolved(note: "Removed; correction posted"))
        )
    }

    @Test func actionDecodesWithEvidence() throws {
        let event = try decoded(
            "action.recorded",
            [
                "action": "correction_published", "note": "Posted on the school page",
                "evidence_url": "https://facebook.com/thcs.binhson/posts/1",
            ]
        )
        #expect(
            event.payload
                == .actionRecorded(
                    ActionRecorded(
                        action: .correctionPublished,
                        note: "Posted on the school page",
                        evidenceURL: "https://facebook.com/thcs.binhson/posts/1"
                    )
                )
        )
    }

    @Test func escalationDecodesWithObligation() throws {
        let obligation = "8c0e9f5a-1b2c-4d3e-8f40-5a6b7c8d9e0f"
        let event = try decoded(
            "incident.escalated",
            ["level": 2, "reason": "deadline_missed", "obligation_id": obligation]
        )
        #expect(
            event.payload
                == .escalated(
                    IncidentEscalated(level: 2, reason: .deadlineMissed, obligationID: UUID(uuidString: obligation))
                )
        )
    }

    @Test func reopeningDecodesItsReason() throws {
        let event = try decoded("incident.reopened", ["reason": "The video was posted again"])
        #expect(event.payload == .reopened(IncidentReopened(reason: "The video was posted again")))
    }

    @Test(arguments: [
        ("2026-11-29T03:15:00Z", "2026-11-29T03:15:00Z"), ("2026-11-29t03:15:00z", "2026-11-29T03:15:00Z"),
        ("2026-11-29T10:15:00+07:00", "2026-11-29T03:15:00Z"), ("2026-11-28T22:15:00-05:00", "2026-11-29T03:15:00Z"),
        ("2026-11-29T03:15:00.250Z", "2026-11-29T03:15:00.25Z"),
        ("2026-11-29T10:15:00.1234567+07:00", "2026-11-29T03:15:00.123457Z"),
        ("2027-01-01T06:59:59.9999996+07:00", "2027-01-01T00:00:00Z"),
        ("2028-02-29T00:00:00+00:00", "2028-02-29T00:00:00Z"),
    ])
    func timesWithAnyOffsetBecomeTheSameInstant(text: String, utc: String) throws {
        var envelope = EventSamples.envelope()
        envelope["occurred_at"] = text
        let event = try #require(EventSamples.decode(envelope).value)
        #expect(RFC3339.format(event.occurredAt) == utc)
    }

    @Test func textIsNormalisedToNFCAndTrimmed() throws {
        // "Học sinh đánh nhau" with every diacritic as a combining mark (NFD).
        let decomposed = "  Ho\u{0323}c sinh \u{0111}a\u{0301}nh nhau\n"
        #expect(
            Array(decomposed.unicodeScalars) != Array(decomposed.precomposedStringWithCanonicalMapping.unicodeScalars)
        )
        var data = EventSamples.reportedData
        data["summary"] = decomposed
        let event = try decoded("incident.reported", data)
        guard case let .reported(body) = event.payload else { throw Unexpected.payload }
        #expect(
            Array(body.summary.unicodeScalars)
                == Array("Học sinh đánh nhau".precomposedStringWithCanonicalMapping.unicodeScalars)
        )
        #expect(body.summary.unicodeScalars.count == 18)
    }

    @Test func uppercaseUUIDsAndVietnameseURLsAreAccepted() throws {
        var envelope = EventSamples.envelope()
        envelope["event_id"] = EventSamples.eventID.uppercased()
        var data = EventSamples.reportedData
        data["urls"] = ["https://vi.wikipedia.org/wiki/Bình_Sơn", "http://[2001:db8::1]:8080/x"]
        envelope["data"] = data
        let event = try #require(EventSamples.decode(envelope).value)
        #expect(event.eventID == UUID(uuidString: EventSamples.eventID))
    }

    enum Unexpected: Error { case payload }
}
