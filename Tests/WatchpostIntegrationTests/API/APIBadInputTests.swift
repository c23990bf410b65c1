import Foundation
import Testing
import WatchpostAPI
import WatchpostCore

/// Bad input gets a 4xx whose problems name the field, and nothing reaches Kafka.
@Suite("APIBadInput", .serialized, .timeLimit(.minutes(5)))
struct APIBadInputTests {
    /// A valid report by the monitor of the cast's school, to spoil one field at a time.
    static func report(_ cast: APICast, _ change: (inout [String: Any]) -> Void = { _ in }) -> [String: Any] {
        var envelope: [String: Any] = [
            "schema_version": 1,
            "event_id": UUID().canonicalString,
            "type": "incident.reported",
            "incident_id": UUID().canonicalString,
            "occurred_at": RFC3339.format(Date()),
            "source": ["kind": "officer", "id": cast.officers[.monitor]!.id],
            "unit_id": cast.school.id,
            "data": [
                "platform": "tiktok",
                "urls": ["https://www.tiktok.com/@user/video/7300000000000000001"],
                "category": "school_violence",
                "severity": "high",
                "subjects": ["student"],
                "summary": "Video đánh nhau sau trường đang bị chia sẻ",
            ] as [String: Any],
        ]
        change(&envelope)
        return envelope
    }

    @Test func badEnvelopesGet400NamingEveryFieldAndNothingIsProduced() async throws {
        try await APITestHarness.with { api in
            let cast = try APICast(api.directory)
            let token = try await api.token(officer: cast.officers[.monitor]!.id, scopes: [.report])

            let malformed = try await api.request(
                .post,
                "/v1/events",
                token: token,
                body: Array(#"{"schema_version": 1,"#.utf8)
            )
            #expect(malformed.status == .badRequest)
            #expect(malformed.errorCode == "invalid_event")
            #expect(malformed.problemFields == [""])

            let wrongTypes = try await api.request(
                .post,
                "/v1/events",
                token: token,
                json: Self.report(cast) { envelope in
                    envelope["schema_version"] = "1"
                    envelope["data"] =
                        [
                            "platform": "tiktok", "urls": "https://x.example/1", "category": "school_violence",
                            "severity": 3, "subjects": [], "summary": "Tóm tắt",
                        ] as [String: Any]
                }
            )
            #expect(wrongTypes.status == .badRequest)
            #expect(Set(wrongTypes.problemFields) == ["schema_version", "data.urls", "data.severity"])

            let unknownUnit = try await api.request(
                .post,
                "/v1/events",
                token: token,
                json: Self.report(cast) { $0["unit_id"] = "thcs-khong-co" }
            )
            #expect(unknownUnit.status == .badRequest)
            #expect(unknownUnit.problemFields == ["unit_id"])

            let typo = try await api.request(
                .post,
                "/v1/events",
                token: token,
                json: Self.report(cast) { envelope in
                    var data = envelope["data"] as! [String: Any]
                    data["student_name"] = "không được ghi tên"
                    envelope["data"] = data
                }
            )
            #expect(typo.status == .badRequest)
            #expect(typo.problemFields == ["data.student_name"])

            #expect(try await api.produced().isEmpty)
        }
    }

    @Test func oversizedBodiesGet413AndOtherContentTypes415() async throws {
        try await APITestHarness.with { api in
            let cast = try APICast(api.directory)
            let token = try await api.token(officer: cast.officers[.monitor]!.id, scopes: [.report])
            let huge = Self.report(cast) { envelope in
                var data = envelope["data"] as! [String: Any]
                data["summary"] = String(repeating: "a", count: EventLimits.maximumInputBytes + 1)
                envelope["data"] = data
            }
            let oversized = try await api.request(.post, "/v1/events", token: token, json: huge)
            #expect(oversized.status == .contentTooLarge)
            #expect(oversized.errorCode == "body_too_large")

            let body = try JSONSerialization.data(withJSONObject: Self.report(cast))
            let text = try await api.request(
                .post,
                "/v1/events",
                token: token,
                body: Array(body),
                contentType: "text/plain"
            )
            #expect(text.status == .unsupportedMediaType)
            #expect(text.errorCode == "unsupported_media_type")
            let none = try await api.request(.post, "/v1/events", token: token, body: Array(body), contentType: nil)
            #expect(none.status == .unsupportedMediaType)

            #expect(try await api.produced().isEmpty)
        }
    }

    @Test func unknownIncidentsAndBadIdsGet404And400() async throws {
        try await APITestHarness.with { api in
            let cast = try APICast(api.directory)
            let head = try await api.token(officer: cast.officers[.schoolHead]!.id, scopes: [.read, .act])
            let unknown = UUID().canonicalString

            let read = try await api.request(.get, "/v1/incidents/\(unknown)", token: head)
            #expect(read.status == .notFound)
            #expect(read.errorCode == "incident_not_found")

            let act = try await api.request(
                .post,
                "/v1/incidents/\(unknown)/acknowledge",
                token: head,
                json: [String: String]()
            )
            #expect(act.status == .notFound)

            let badID = try await api.request(.get, "/v1/incidents/not-a-uuid", token: head)
            #expect(badID.status == .badRequest)
            #expect(badID.problemFields == ["id"])

            #expect(try await api.produced().isEmpty)
        }
    }

    @Test(arguments: [
        ("status=open", ["status"]),
        ("unit=truong-khong-co", ["unit"]),
        ("from=hom-qua", ["from"]),
        ("from=2026-11-30&to=2026-11-29", ["to"]),
        ("colour=red&status=resolved", ["colour"]),
    ])
    func badQueryParametersGet400NamingThem(query: String, fields: [String]) async throws {
        try await APITestHarness.with { api in
            let cast = try APICast(api.directory)
            let head = try await api.token(officer: cast.officers[.schoolHead]!.id, scopes: [.read])
            let response = try await api.request(.get, "/v1/incidents?\(query)", token: head)
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "invalid_query")
            #expect(response.problemFields == fields)
        }
    }

    @Test func badActionBodiesGet400NamingTheFieldAndNothingIsProduced() async throws {
        try await APITestHarness.with { api in
            let cast = try APICast(api.directory)
            let incident = UUID()
            try await api.seed([
                StoreFixture.report(incident: incident, unit: cast.school.id, at: api.environment.now())
            ])
            let head = try await api.token(officer: cast.officers[.schoolHead]!.id, scopes: [.act])
            let base = "/v1/incidents/\(incident.canonicalString)"

            let cases: [(String, Any, [String])] = [
                ("acknowledge", ["note": 5], ["note"]),
                ("acknowledge", ["note": "ok", "signed_by": "x"], ["signed_by"]),
                ("reopen", [String: String](), ["reason"]),
                ("actions", ["action": "deleted"], ["action"]),
                ("actions", ["action": "content_removed", "evidence_url": "not a link"], ["evidence_url"]),
                ("resolve", ["event_id": UUID().canonicalString], ["occurred_at"]),
                ("escalate", ["level": "2"], ["level"]),
            ]
            for (action, body, fields) in cases {
                let response = try await api.request(.post, "\(base)/\(action)", token: head, json: body)
                #expect(response.status == .badRequest, "\(action) \(body): \(response.text)")
                #expect(response.problemFields == fields, "\(action) \(body)")
            }
            let malformed = try await api.request(.post, "\(base)/acknowledge", token: head, body: Array("{note".utf8))
            #expect(malformed.status == .badRequest)
            // Foundation's decoder would keep one of the two values; the body is refused instead.
            let repeated = try await api.request(
                .post,
                "\(base)/actions",
                token: head,
                body: Array(#"{"action":"content_removed","note":"a","action":"police_notified"}"#.utf8)
            )
            #expect(repeated.status == .badRequest, "\(repeated.text)")
            #expect(repeated.problemFields == ["action"])

            #expect(try await api.produced().isEmpty)
        }
    }
}
