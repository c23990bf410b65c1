import Foundation
import Hummingbird
import WatchpostCore
import WatchpostPresentation
import WatchpostNotify
import WatchpostStore

/// The passwordless sign-in: a request makes a challenge and sends its code and link through
/// the delivery dispatcher (a sealed delivery); a code or a link proves the channel once and
/// starts a session.
///
/// Guessing and jamming (docs/security.md, "How long a guess takes"):
/// - an officer holds one live code; asking again re-sends it (at most once, a minute or more
///   after it was sent), so a stranger's requests neither use up the officer's codes nor flood
///   them;
/// - wrong codes count per officer across all their codes; from the 5th on, each check waits a
///   growing time (2 s, 4 s, … at most 4 hours) and a right code resets the count. The link is
///   not subject to it, so nobody can lock the owner out;
/// - per-address limits count an IPv4 address or an IPv6 /64 (`SignInAddress`);
/// - a name that is no officer goes through the same work (key derivation, sealing, a decoy
///   challenge row, the back-off), so neither the answer nor its time tells who exists.
struct SignInFlow {
    let environment: APIEnvironment
    /// How long a code and a link work.
    static let challengeLifetime: Duration = .seconds(10 * 60)
    /// The limits in force.
    var limits = SignInRateLimits()

    private var store: SignInStore { SignInStore(pool: environment.pool) }

    /// `POST /sign-in`.
    func request(_ request: Request, context: APIRequestContext) async throws(APIError) -> Response {
        try CSRF.requireSameOrigin(request, environment: environment)
        let form = try await FormFields.read(request)
        let locale = PageLocale.resolve(request, principal: context.principal)
        let lang = IdentityPage.languageQuery(request)
        guard let typed = form["officer"], typed.count <= 200 else {
            return SignInPages.form(
                locale: locale,
                lang: lang,
                status: .badRequest,
                problem: Label(
                    vi: "Đề nghị nhập mã cán bộ, e-mail hoặc số điện thoại.",
                    en: "Enter your officer id, e-mail or phone number."
                )
            )
        }
        let officer = SignInDirectory.officer(named: typed, in: environment.directory)
        let key = SignInDirectory.rateLimitKey(typed, officer: officer)
        let now = environment.now()
        // The same work whoever was named: a decoy gets a challenge sealed like a real one.
        let (challenge, delivery) = try prepareChallenge(key: key, officer: officer, now: now)
        let outcome = try await IdentityDatabase.run(environment, "sending a sign-in code") {
            try await store.request(
                officerKey: key,
                clientAddress: SignInAddress.rateLimitKey(context.clientAddress),
                challenge: challenge,
                delivery: officer == nil ? nil : delivery,
                limits: limits,
                now: now
            )
        }
        switch outcome {
        case .limited(let retryAfter):
            return SignInPages.limited(retryAfter: retryAfter, locale: locale, lang: lang)
        case .created(let id), .resent(let id), .notResent(let id):
            if let officer {
                environment.logger.info(
                    "sign-in request",
                    metadata: ["officer": "\(officer.id)", "challenge_id": "\(id)", "outcome": "\(Self.name(outcome))"]
                )
            }
        }
        return SignInPages.sent(typed: typed, locale: locale, lang: lang)
    }

    private static func name(_ outcome: SignInRequestOutcome) -> String {
        switch outcome {
        case .created: "code queued"
        case .resent: "live code re-sent"
        case .notResent: "live code not re-sent (sent less than a minute ago, or re-sent already)"
        case .limited: "limited"
        }
    }

    /// A new challenge for `key` and the sealed delivery of its message, plus the same message
    /// sealed for a second delivery (the re-send). For a decoy (`officer` is `nil`) the same
    /// work is done for a recipient that does not exist; the delivery is never queued.
    private func prepareChallenge(key: String, officer: Officer?, now: Date) throws(APIError) -> (
        SignInChallenge, SealedDelivery
    ) {
        let credentials = SignInCredentials.random()
        let secret = environment.settings.linkSecret
        let expiresAt = now.addingTimeInterval(DeadlineDuration.seconds(Self.challengeLifetime))
        let message = SignInMessage(
            officerID: key,
            code: credentials.code,
            link: environment.settings.publicURL + SignInPaths.link + "?token=" + credentials.linkToken,
            expiresAt: expiresAt
        )
        let deliveryID = UUID()
        let resendID = UUID()
        let seal = SignInMessageSeal(secret: secret)
        do {
            let challenge = SignInChallenge(
                id: UUID(),
                officerID: key,
                codeHash: SignInCredentials.codeHash(credentials.code, officer: key, linkSecret: secret),
                linkHash: SignInCredentials.linkHash(credentials.linkToken),
                createdAt: now,
                expiresAt: expiresAt,
                resendDeliveryID: resendID,
                resendSealedMessage: try seal.seal(message, deliveryID: resendID)
            )
            let delivery = SealedDelivery(
                id: deliveryID,
                recipient: key,
                locale: officer?.locale ?? .vi,
                channels: officer?.channels ?? [],
                sealedMessage: try seal.seal(message, deliveryID: deliveryID)
            )
            return (challenge, delivery)
        } catch {
            environment.logger.error("sign-in: sealing failed", metadata: ["error": "\(error)"])
            throw APIError(
                .internalServerError,
                code: .signInSealFailed,
                message: "the sign-in message could not be sealed; try again",
                vi: "Không tạo được tin nhắn đăng nhập; đề nghị thử lại."
            )
        }
    }

    /// `POST /sign-in/verify`.
    func verify(_ request: Request, context: APIRequestContext) async throws(APIError) -> Response {
        try CSRF.requireSameOrigin(request, environment: environment)
        let form = try await FormFields.read(request)
        let locale = PageLocale.resolve(request, principal: context.principal)
        let lang = IdentityPage.languageQuery(request)
        let typed = form["officer"] ?? ""
        if let refusal = try await admitVerification(context, locale: locale, lang: lang) { return refusal }
        let now = environment.now()
        let officer = SignInDirectory.officer(named: typed, in: environment.directory)
        // A name that is no officer is checked the same way, under its `typed:` key.
        let key = SignInDirectory.rateLimitKey(typed, officer: officer)
        var check = SignInCodeCheck.noChallenge
        if let code = SignInCredentials.normalizedCode(form["code"]) {
            let hash = SignInCredentials.codeHash(code, officer: key, linkSecret: environment.settings.linkSecret)
            check = try await IdentityDatabase.run(environment, "checking a sign-in code") {
                try await store.checkCode(officerKey: key, codeHash: hash, limits: limits, now: now)
            }
        }
        if case .wait(let retryAfter) = check {
            return SignInPages.wait(retryAfter: retryAfter, locale: locale, lang: lang)
        }
        let accepted: Bool
        // A decoy's code is never sent; matching it by chance signs nobody in.
        if case .accepted = check, officer != nil { accepted = true } else { accepted = false }
        try await record(officer?.id, context, succeeded: accepted, now: now)
        guard accepted, let officer else {
            return SignInPages.sent(
                typed: typed,
                locale: locale,
                lang: lang,
                status: .badRequest,
                problem: SignInPages.codeRefused
            )
        }
        return try await Sessions(environment: environment).start(for: officer, redirectTo: SignInPaths.afterSignIn)
    }

    /// `POST /sign-in/link`.
    func useLink(_ request: Request, context: APIRequestContext) async throws(APIError) -> Response {
        try CSRF.requireSameOrigin(request, environment: environment)
        let form = try await FormFields.read(request)
        let locale = PageLocale.resolve(request, principal: context.principal)
        let lang = IdentityPage.languageQuery(request)
        if let refusal = try await admitVerification(context, locale: locale, lang: lang) { return refusal }
        let now = environment.now()
        var use = SignInLinkUse.unknown
        if let token = form["token"], token.count <= 100 {
            use = try await IdentityDatabase.run(environment, "using a sign-in link") {
                try await store.useLink(hash: SignInCredentials.linkHash(token), now: now)
            }
        }
        guard case .accepted(let officerID) = use, let officer = environment.directory.officer(officerID) else {
            try await record(nil, context, succeeded: false, now: now)
            return SignInPages.linkRefused(use, locale: locale, lang: lang)
        }
        try await record(officer.id, context, succeeded: true, now: now)
        return try await Sessions(environment: environment).start(for: officer, redirectTo: SignInPaths.afterSignIn)
    }

    /// The 429 page when this address sent too many wrong codes; `nil` when it may go on.
    private func admitVerification(_ context: APIRequestContext, locale: DisplayLocale, lang: String)
        async throws(APIError)
        -> Response?
    {
        let now = environment.now()
        let admission = try await IdentityDatabase.run(environment, "counting sign-in code checks") {
            try await store.admitVerification(
                clientAddress: SignInAddress.rateLimitKey(context.clientAddress),
                limits: limits,
                now: now
            )
        }
        guard case .limited(let retryAfter) = admission else { return nil }
        return SignInPages.limited(retryAfter: retryAfter, locale: locale, lang: lang)
    }

    private func record(_ officer: OfficerID?, _ context: APIRequestContext, succeeded: Bool, now: Date)
        async throws(APIError)
    {
        try await IdentityDatabase.run(environment, "counting a sign-in code check") {
            try await store.recordVerification(
                officerKey: officer,
                clientAddress: SignInAddress.rateLimitKey(context.clientAddress),
                succeeded: succeeded,
                now: now
            )
        }
    }
}
