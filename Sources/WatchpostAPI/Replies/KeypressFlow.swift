import Foundation
import HTTPTypes
import Hummingbird
import WatchpostCore
import WatchpostNotify
import WatchpostPresentation
import WatchpostStore

/// `POST /v1/voice/keypress?delivery=…&sig=…`: the telephony provider posts the key an officer
/// pressed during a call Watchpost placed (`VoiceScript`'s `<Gather>`). The address is signed
/// per delivery with the acknowledge-link key, and, when `WATCHPOST_VOICE_TOKEN` is set, the
/// request must also carry the provider's signature (`ProviderSignature`). Pressing 1
/// acknowledges the call's incident for its officer, as the link would, once; the answer is
/// TwiML that says what happened and hangs up.
struct KeypressFlow {
    let environment: APIEnvironment

    func receive(_ request: Request) async throws(APIError) -> Response {
        let query = request.uri.queryParameters
        guard
            let delivery = query.get("delivery").flatMap(UUID.init(uuidString:)),
            let signature = query.get("sig"),
            try AcknowledgeLinkCheck(environment: environment).signer().isKeypressSignature(signature, of: delivery)
        else {
            throw APIError.unauthenticated("only a call Watchpost placed posts here, to the address it signed")
        }
        let form = try await FormFields.read(request)
        if let token = environment.settings.settings.voiceToken {
            let url = environment.settings.publicURL + request.uri.description
            guard
                ProviderSignature.isValid(
                    request.headers[HTTPField.Name(ProviderSignature.header)!],
                    url: url,
                    parameters: form.pairs,
                    token: token
                )
            else {
                throw APIError.unauthenticated("the telephony provider's signature does not match")
            }
        }
        guard
            let alert = try await IdentityDatabase.run(
                environment,
                "finding the alert a call was about",
                {
                    try await SMSReplyStore(pool: environment.pool).sentAlert(delivery: delivery)
                }
            ),
            let officer = environment.directory.officer(alert.officerID)
        else {
            throw APIError.notFound("the call's alert")
        }
        let words = VoiceWords.for(officer.locale)
        guard form["Digits"] == ReplyText.acknowledgeKey else {
            return Self.answer(words.otherKey, words)
        }
        let summary = try await IdentityDatabase.run(environment, "checking a key press") {
            try await StoreQueries(pool: environment.pool).incidentSummary(alert.incidentID)
        }
        guard let incident = summary?.state,
            AcknowledgeGrantUse.obstacle(incident, officer: officer.id, issuedAt: alert.sentAt) == nil
        else {
            return Self.answer(words.nothingToDo, words)
        }
        switch try await AcknowledgeGrantUse.spend(
            grantHash: IdentitySecret.sha256("watchpost-keypress-v1\n\(delivery)"),
            incident: incident,
            officer: officer,
            environment,
            doing: "acknowledging by key press"
        ) {
        case .success:
            environment.logger.info(
                "incident acknowledged by key press",
                metadata: ["incident": "\(incident.id)", "officer": "\(officer.id)"]
            )
            return Self.answer(words.acknowledged, words)
        case .failure:
            return Self.answer(words.nothingToDo, words)
        }
    }

    private static func answer(_ sentence: String, _ words: VoiceWords) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/xml; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: VoiceScript.answer(sentence, language: words.language)))
        )
    }
}
