import Foundation
import Hummingbird
import WatchpostCore
import WatchpostNotify
import WatchpostPresentation
import WatchpostStore

/// `POST /v1/sms/inbound`: the SMS gateway hands over a text an officer sent back to an alert
/// (`SMSInbound`). "1 482913" acknowledges the alert whose reply code is 482913, as its signed
/// link would: only from a number the alert went to, only for that alert's incident, and only
/// once. Every text gets an answering SMS that says what it did, or why it changed nothing,
/// sent after the gateway's post is answered, and is recorded in `sms_replies` under the
/// gateway's id, so a repeated post is judged and answered once.
struct SMSReplyFlow {
    let environment: APIEnvironment

    /// A text of a few words; gateways add a few fields.
    static let maximumBodyBytes = 4 * 1024
    /// How far back the alerts a code may answer are looked for: far enough to tell an expired
    /// code from a wrong one.
    static let lookBack: TimeInterval = 30 * 24 * 3600

    func receive(_ request: Request) async throws(APIError) -> Response {
        let bytes = try await RequestBody.bytes(request, limit: Self.maximumBodyBytes)
        try SMSGatewayCheck.require(request, body: bytes, environment)
        try RequestBody.requireJSON(request)
        let inbound = try SMSInboundRequest.parse(bytes)
        let store = SMSReplyStore(pool: environment.pool)
        if let earlier = try await find(inbound.messageID, store) {
            return JSONResponse.make(.ok, SMSReplyBody(earlier, repeated: true))
        }
        let (record, locale) = try await judge(inbound)
        let inserted = try await IdentityDatabase.run(environment, "recording a text answer") {
            try await store.insert(record)
        }
        guard inserted else {
            // The gateway posted the same text twice at once; the other post answers it.
            guard let earlier = try await find(inbound.messageID, store) else { throw APIError.notFound("the text") }
            return JSONResponse.make(.ok, SMSReplyBody(earlier, repeated: true))
        }
        environment.logger.info(
            "text answer judged",
            metadata: [
                "outcome": "\(record.outcome)", "officer": "\(record.officerID ?? "-")",
                "incident": "\(record.incidentID.map { "\($0)" } ?? "-")",
            ]
        )
        // The gateway is answered at once; the answering SMS goes out beside, and its record
        // (`answered_at`, `answer_error`) shows whether it went.
        Task { await answer(record, locale: locale, store: store) }
        return JSONResponse.make(.ok, SMSReplyBody(record, repeated: false))
    }

    private func find(_ messageID: String, _ store: SMSReplyStore) async throws(APIError) -> SMSReplyRecord? {
        try await IdentityDatabase.run(environment, "finding a text answer") {
            try await store.find(gatewayMessageID: messageID)
        }
    }

    /// What the text does, and the language of its answer; acknowledges when it may.
    private func judge(_ inbound: SMSInboundRequest) async throws(APIError) -> (SMSReplyRecord, DisplayLocale) {
        let now = environment.now()
        var record = SMSReplyRecord(
            id: UUID(),
            gatewayMessageID: inbound.messageID,
            fromPhone: inbound.from,
            text: inbound.text,
            receivedAt: now,
            outcome: "",
            answer: ""
        )
        var code: String?
        var school: String?
        var locale = DisplayLocale.vi
        func decided(_ outcome: ReplyOutcome) -> (SMSReplyRecord, DisplayLocale) {
            record.outcome = outcome.rawValue
            record.answer = ReplyAnswer.text(outcome, code: code, school: school, locale: locale)
            return (record, locale)
        }
        let officers = environment.directory.officers(withPhone: inbound.from)
        guard let anyone = officers.first else { return decided(.unknownNumber) }
        locale = anyone.locale
        guard case .acknowledge(let replyCode) = ReplyText.parse(inbound.text) else { return decided(.unreadable) }
        code = replyCode
        let signer = try AcknowledgeLinkCheck(environment: environment).signer()
        let sent = try await IdentityDatabase.run(environment, "finding the alerts a text answers") {
            try await SMSReplyStore(pool: environment.pool).sentAlerts(
                to: officers.map(\.id),
                since: now.addingTimeInterval(-Self.lookBack)
            )
        }
        let matching = sent.filter { signer.replyCode(delivery: $0.deliveryID) == replyCode }
        guard let alert = matching.first, let officer = environment.directory.officer(alert.officerID) else {
            return decided(.unknownCode)
        }
        if matching.contains(where: { $0.incidentID != alert.incidentID || $0.officerID != alert.officerID }) {
            return decided(.ambiguousCode)
        }
        locale = officer.locale
        record.officerID = officer.id
        record.incidentID = alert.incidentID
        record.deliveryID = alert.deliveryID
        guard now < alert.sentAt.addingTimeInterval(DeadlineDuration.seconds(signer.lifetime)) else {
            return decided(.expired)
        }
        let grantHash = IdentitySecret.sha256("watchpost-reply-v1\n\(alert.deliveryID)")
        let (used, summary) = try await IdentityDatabase.run(environment, "checking a text answer") {
            let used = try await UsedLinkStore(pool: environment.pool).isUsed(signatureHash: grantHash)
            return (used, try await StoreQueries(pool: environment.pool).incidentSummary(alert.incidentID))
        }
        if used { return decided(.used) }
        guard let incident = summary?.state else { return decided(.incidentMissing) }
        school = environment.directory.unit(incident.unitID)?.name
        switch AcknowledgeGrantUse.obstacle(incident, officer: officer.id, issuedAt: alert.sentAt) {
        case .resolved?: return decided(.resolved)
        case .beforeReopen?: return decided(.beforeReopen)
        case .alreadyAcknowledged?: return decided(.alreadyAcknowledged)
        case nil: break
        }
        switch try await AcknowledgeGrantUse.spend(
            grantHash: grantHash,
            incident: incident,
            officer: officer,
            environment,
            doing: "acknowledging by text"
        ) {
        case .success: return decided(.acknowledged)
        case .failure(.used): return decided(.used)
        case .failure(.acknowledged): return decided(.alreadyAcknowledged)
        }
    }

    /// Sends the answer to the number the text came from, and notes whether it went.
    private func answer(_ record: SMSReplyRecord, locale: DisplayLocale, store: SMSReplyStore) async {
        var failure: String?
        if let channel = environment.smsAnswers {
            let message = OutboundMessage(
                subject: "",
                body: record.answer,
                idempotencyKey: record.id.uuidString.lowercased(),
                locale: locale.rawValue
            )
            do {
                _ = try await channel.send(message, to: record.fromPhone)
            } catch {
                failure = "\(error)"
                environment.logger.warning("the answer to a text was not sent", metadata: ["error": "\(error)"])
            }
        } else {
            failure = "no SMS gateway is configured (WATCHPOST_SMS_GATEWAY_FILE)"
        }
        do {
            try await store.answered(record.id, at: environment.now(), error: failure)
        } catch {
            environment.logger.warning("the answer to a text was not noted", metadata: ["error": "\(error)"])
        }
    }
}
