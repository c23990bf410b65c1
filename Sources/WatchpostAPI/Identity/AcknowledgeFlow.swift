import Foundation
import Hummingbird
import WatchpostCore
import WatchpostPresentation
import WatchpostStore

/// `GET /ack` shows what a signed link from an alert would acknowledge, with one button;
/// `POST /ack` checks the link again, spends it (`used_links`) and publishes
/// `incident.acknowledged` for its officer, as `.officer(officer, .link(incident:))`, in one
/// step: if the event cannot be produced, the link stays unused. A GET never changes anything
/// (mail scanners follow links).
struct AcknowledgeFlow {
    let environment: APIEnvironment

    /// `GET /ack?incident=…&officer=…&exp=…&sig=…`.
    func show(_ request: Request, context: APIRequestContext) async throws(APIError) -> Response {
        var fields: [String: String] = [:]
        for name in ["incident", "officer", "exp", "sig"] { fields[name] = request.uri.queryParameters.get(name) }
        let lang = IdentityPage.languageQuery(request)
        switch try await AcknowledgeLinkCheck(environment: environment).check(fields) {
        case .failure(let refusal):
            return AcknowledgePages.refused(refusal, locale: PageLocale.resolve(request, principal: context.principal))
        case .success(let valid):
            let school = environment.directory.unit(valid.incident.unitID)?.name ?? valid.incident.unitID
            return AcknowledgePages.confirm(valid, school: school, locale: locale(request, valid), lang: lang)
        }
    }

    /// `POST /ack` with the link's four fields.
    func acknowledge(_ request: Request, context: APIRequestContext) async throws(APIError) -> Response {
        try CSRF.requireSameOrigin(request, environment: environment)
        let form = try await FormFields.read(request)
        var fields: [String: String] = [:]
        for name in ["incident", "officer", "exp", "sig"] { fields[name] = form[name] }
        let valid: AcknowledgeLinkCheck.Valid
        switch try await AcknowledgeLinkCheck(environment: environment).check(fields) {
        case .failure(let refusal):
            return AcknowledgePages.refused(refusal, locale: PageLocale.resolve(request, principal: context.principal))
        case .success(let checked): valid = checked
        }
        let spent = try await AcknowledgeGrantUse.spend(
            grantHash: valid.signatureHash,
            incident: valid.incident,
            officer: valid.officer,
            environment,
            doing: "using an acknowledge link"
        )
        switch spent {
        case .success: break
        case .failure(.used):
            return AcknowledgePages.refused(
                AcknowledgeLinkCheck.Refusal(status: .conflict, code: .linkUsed, text: AcknowledgeLinkCheck.reused),
                locale: locale(request, valid)
            )
        case .failure(.acknowledged):
            return AcknowledgePages.refused(
                AcknowledgeLinkCheck.Refusal(
                    status: .conflict,
                    code: .alreadyAcknowledged,
                    text: AcknowledgeLinkCheck.alreadyAcknowledged
                ),
                locale: locale(request, valid)
            )
        }
        environment.logger.info(
            "incident acknowledged by link",
            metadata: ["incident": "\(valid.incident.id)", "officer": "\(valid.officer.id)"]
        )
        return AcknowledgePages.done(locale: locale(request, valid))
    }

    /// The officer's language, unless the request chose one.
    private func locale(_ request: Request, _ valid: AcknowledgeLinkCheck.Valid) -> DisplayLocale {
        PageLocale.resolve(request, principal: .officer(valid.officer, .link(incident: valid.incident.id)))
    }
}
