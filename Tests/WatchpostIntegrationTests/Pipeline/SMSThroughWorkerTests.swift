import Foundation
import HTTPTypes
import Synchronization
import Testing
import WatchpostCore
import WatchpostNotify
import WatchpostStore
import WatchpostTestSupport

/// Texts through a running worker (issue 30): a head acknowledges a new incident by answering
/// the SMS the worker actually sent, and the worker applies it; the gateway's delivery report of
/// a text that went after a retry lands on the attempt that sent it; a text the network gave up
/// on moves its alert to the head's next channel, and a later report that it arrived after all
/// counts it delivered again (D61).
@Suite("SMS through a running worker", .serialized, .timeLimit(.minutes(6)))
struct SMSThroughWorkerTests {
    typealias Stack = SMSWorkerStack

    /// The reply code in a text the worker sent ("… trả lời 1 482913, hoặc mở https://…").
    static func replyCode(in text: String) -> String? {
        let words = SMSText.unaccented(text).lowercased()
        guard let match = words.firstMatch(of: /(?:tra loi|reply) 1 ([0-9]{6})/) else { return nil }
        return String(match.1)
    }

    @Test func aHeadAcknowledgesByAnsweringTheTextTheWorkerSentAndTheWorkerAppliesIt() async throws {
        try await Stack.with { stack in
            let api = stack.api
            let incident = try await stack.reportIncident()
            var code: String?
            try await waitUntil("the worker texts the head a reply code", timeout: .seconds(120)) {
                code =
                    stack.texts.filter { $0.to == Stack.headPhone }.lazy.compactMap { Self.replyCode(in: $0.text) }
                    .first
                return code != nil
            }
            let answer = try await api.request(
                .post,
                SMSInbound.path,
                body: Array(
                    try JSONSerialization.data(withJSONObject: [
                        "from": "+84900000016", "text": "1 \(try #require(code))", "message_id": "mo-worker-1",
                    ])
                ),
                headers: [HTTPField.Name(SMSInbound.keyHeader)!: SMSReplyTests.secret]
            )
            #expect(answer.status == .ok && answer.json["outcome"] as? String == "acknowledged", "\(answer.text)")

            try await waitUntil("the worker applies the acknowledgement", timeout: .seconds(120)) {
                try await api.count(
                    """
                    SELECT count(*) FROM obligations
                    WHERE incident_id = \(incident) AND kind = 'acknowledge' AND status = 'met'
                    """
                ) == 1
            }
            let state = try #require(
                try await api.rows(
                    "SELECT status, acknowledged_by, escalation_level FROM incidents WHERE id = \(incident)"
                ).first
            )
            #expect(try state.decode(String.self, at: 0) == "acknowledged")
            #expect(try state.decode([String].self, at: 1) == [Stack.head])
            #expect(try state.decode(Int.self, at: 2) == 0)
            let applied = try await api.rows(
                """
                SELECT type, source_kind, source_id FROM events
                WHERE coalesce(applied_incident_id, incident_id) = \(incident) AND outcome = 'applied'
                ORDER BY received_at
                """
            ).map {
                "\(try $0.decode(String.self, at: 0)) \(try $0.decode(String.self, at: 1)):\(try $0.decode(String.self, at: 2))"
            }
            #expect(applied.contains("incident.acknowledged officer:\(Stack.head)"), "\(applied)")
            #expect(!applied.contains { $0.hasPrefix("incident.escalated") }, "\(applied)")
            #expect(
                try await api.count(
                    "SELECT count(*) FROM obligations WHERE incident_id = \(incident) AND escalated_at IS NOT NULL"
                ) == 0
            )

            // The answering text went back to the number that wrote, through the same gateway.
            try await waitUntil("the API answers the head's text", timeout: .seconds(60)) {
                try await api.count("SELECT count(*) FROM sms_replies WHERE answered_at IS NOT NULL") == 1
            }
            #expect(try await api.count("SELECT count(*) FROM sms_replies WHERE answer_error IS NOT NULL") == 0)
            let answers = stack.texts.filter { $0.to == "+84900000016" }
            #expect(answers.count == 1)
            #expect(answers.first.map { SMSText.unaccented($0.text).contains("da ghi nhan") } == true, "\(answers)")
        }
    }

    @Test func aDeliveryReportAfterARetryLandsOnTheAcceptedAttemptAndAFailedTextMovesTheAlertOnUntilItArrives()
        async throws
    {
        // The gateway fails the first text to the head with 503; the next is accepted.
        let firstToHead = FirstFailure()
        try await Stack.with(answer: { request, number in
            let to = (try? JSONSerialization.jsonObject(with: request.body) as? [String: String])?["to"]
            if to == Stack.headPhone, firstToHead.fails() { return .status(503, body: "busy") }
            return Stack.accepted(number)
        }) { stack in
            let api = stack.api
            let incident = try await stack.reportIncident()
            let deliveries = try await stack.headDeliveries(of: incident)
            var sent: [(delivery: UUID, messageID: String)] = []
            var retried: UUID?
            for delivery in deliveries {
                let attempts = try await stack.attempts(delivery)
                let accepted = try #require(attempts.last, "\(delivery) has no attempt")
                #expect(accepted.1 == "sms" && accepted.2 == "delivered", "\(attempts)")
                sent.append((delivery, try #require(accepted.3, "the SMS channel kept no message id: \(attempts)")))
                if attempts.contains(where: { $0.1 == "sms" && $0.2 == "retry" }) { retried = delivery }
            }
            let retriedDelivery = try #require(retried, "no text to the head was retried")
            func headFigures() async throws -> PeriodReport.RecipientDeliveries? {
                let now = Date()
                let report = try await PeriodReport.read(
                    from: api.pool,
                    scope: ReportScope(
                        from: now.addingTimeInterval(-3600),
                        to: now.addingTimeInterval(3600),
                        unitID: Stack.school
                    ),
                    now: now
                )
                return report.deliveryFailures.first { $0.officerID == Stack.head }
            }
            // Accepted, no report yet: listed as unconfirmed, not called unreachable.
            var figures = try #require(try await headFigures())
            #expect(figures.unconfirmed == sent.count && figures.confirmed == 0 && !figures.unreachable)

            func report(_ messageID: String, _ status: String) async throws -> APIResponse {
                try await api.request(
                    .post,
                    SMSInbound.receiptsPath,
                    body: Array(
                        try JSONSerialization.data(withJSONObject: ["message_id": messageID, "status": status])
                    ),
                    headers: [HTTPField.Name(SMSInbound.keyHeader)!: SMSReplyTests.secret]
                )
            }
            // The network gives up on every text: each alert moves on to the head's next
            // channel, as a refused text would. That is Zalo, which this worker cannot send, so
            // each ends dead (the desk is told) and nothing is known to have reached the head.
            for text in sent {
                let answer = try await report(text.messageID, "expired")
                #expect(answer.status == .ok && answer.json["holds"] as? String == "failed", "\(answer.text)")
            }
            try await waitUntil("each alert is tried on the head's next channel and ends", timeout: .seconds(120)) {
                try await api.count(
                    """
                    SELECT count(*) FROM deliveries d
                    WHERE d.id = ANY(\(sent.map(\.delivery))) AND d.status = 'dead'
                      AND EXISTS (SELECT 1 FROM delivery_attempts x WHERE x.delivery_id = d.id AND x.channel_kind = 'zalo')
                    """
                ) == sent.count
            }
            figures = try #require(try await headFigures())
            #expect(figures.dead == sent.count && figures.confirmed == 0 && figures.unreachable)

            // Then the retried text is reported delivered: the report lands on the attempt the
            // gateway accepted, not on the one it refused nor on Zalo's, and since the text did
            // arrive its alert counts as delivered by it again; the others stay dead.
            let retriedID = try #require(sent.first { $0.delivery == retriedDelivery }?.messageID)
            let delivered = try await report(retriedID, "delivered")
            #expect(delivered.json["holds"] as? String == "delivered", "\(delivered.text)")
            let attempts = try await stack.attempts(retriedDelivery)
            let accepted = attempts.filter { $0.1 == "sms" && $0.2 == "delivered" }
            #expect(accepted.count == 1 && accepted.first?.4 == "delivered", "\(attempts)")
            #expect(attempts.filter { $0.4 != nil }.map(\.0) == accepted.map(\.0))
            #expect(attempts.filter { $0.2 == "retry" }.allSatisfy { $0.3 == nil && $0.4 == nil })
            let statuses = try await api.rows(
                "SELECT id, status FROM deliveries WHERE id = ANY(\(sent.map(\.delivery)))"
            ).map { (try $0.decode(UUID.self, at: 0), try $0.decode(String.self, at: 1)) }
            #expect(statuses.allSatisfy { $0.1 == ($0.0 == retriedDelivery ? "delivered" : "dead") }, "\(statuses)")
            // Reached: no longer unreachable, and listed only for the other texts, dead.
            let reached = try await headFigures()
            #expect(reached?.unreachable != true)
            #expect((reached?.dead ?? 0) == sent.count - 1)
            #expect(reached == nil ? sent.count == 1 : reached?.confirmed == 1, "\(String(describing: reached))")
        }
    }
}

/// Says `true` once, then `false`: which send the gateway refuses.
private final class FirstFailure: Sendable {
    private let done = Mutex(false)
    func fails() -> Bool {
        done.withLock { done in
            defer { done = true }; return !done
        }
    }
}
