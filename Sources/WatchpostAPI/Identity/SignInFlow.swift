import Foundation
import Hummingbird
import WatchpostCore
import WatchpostNotify
import WatchpostStore

/// The passwordless sign-in: a request makes a challenge and sends its code and link through
/// the delivery dispatcher (a sealed delivery); a code or a link proves the channel once and
/// starts a session. Rate limits count requests per officer and per address, and wrong codes
/// per address; a challenge dies after 5 wrong codes.
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
                problem: Bilingual(vi: "Hãy nhập mã cán bộ, e-mail hoặc số điện thoại.", en: "Enter your officer id, e-mail or phone number.")
            )
        }
        let officer = SignInDirectory.officer(named: typed, in: environment.directory)
        let now = environment.now()
        let admission = try await IdentityDatabase.run(environment, "counting sign-in requests") {
            try await store.admitRequest(
                officerKey: SignInDirectory.rateLimitKey(typed, officer: officer),
                clientAddress: context.clientAddress,
                limits: limits,
                now: now
            )
        }
        if case .limited(let limit, let retryAfter) = admission {
            return SignInPages.limited(limit, retryAfter: retryAfter, locale: locale, lang: lang)
        }
        if let officer { try await challenge(officer, now: now) }
        return SignInPages.sent(typed: typed, locale: locale, lang: lang)
    }

    /// Makes a challenge for `officer` and queues its sealed message.
    private func challenge(_ officer: Officer, now: Date) async throws(APIError) {
        let credentials = SignInCredentials.random()
        let secret = environment.settings.linkSecret
        let expiresAt = now.addingTimeInterval(DeadlineDuration.seconds(Self.challengeLifetime))
        let challenge = SignInChallenge(
            id: UUID(),
            officerID: officer.id,
            codeHash: SignInCredentials.codeHash(credentials.code, officer: officer.id, linkSecret: secret),
            linkHash: SignInCredentials.linkHash(credentials.linkToken),
            createdAt: now,
            expiresAt: expiresAt
        )
        let message = SignInMessage(
            officerID: officer.id,
            code: credentials.code,
            link: environment.settings.publicURL + SignInPaths.link + "?token=" + credentials.linkToken,
            expiresAt: expiresAt
        )
        let deliveryID = UUID()
        try await IdentityDatabase.run(environment, "sending a sign-in code") {
            let delivery = SealedDelivery(
                id: deliveryID,
                recipient: officer.id,
                locale: officer.locale,
                channels: officer.channels,
                sealedMessage: try SignInMessageSeal(secret: secret).seal(message, deliveryID: deliveryID)
            )
            try await store.create(challenge, delivery: delivery, now: now)
        }
        environment.logger.info("sign-in code queued", metadata: ["officer": "\(officer.id)", "delivery_id": "\(deliveryID)"])
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
        var check = SignInCodeCheck.noChallenge
        if let officer, let code = SignInCredentials.normalizedCode(form["code"]) {
            let hash = SignInCredentials.codeHash(code, officer: officer.id, linkSecret: environment.settings.linkSecret)
            check = try await IdentityDatabase.run(environment, "checking a sign-in code") {
                try await store.checkCode(officerID: officer.id, codeHash: hash, now: now)
            }
        }
        let accepted: Bool
        if case .accepted = check { accepted = true } else { accepted = false }
        try await record(officer?.id, context, succeeded: accepted, now: now)
        guard accepted, let officer else {
            return SignInPages.sent(typed: typed, locale: locale, lang: lang, status: .badRequest, problem: SignInPages.codeRefused)
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
    private func admitVerification(_ context: APIRequestContext, locale: DisplayLocale, lang: String) async throws(APIError)
        -> Response?
    {
        let now = environment.now()
        let admission = try await IdentityDatabase.run(environment, "counting sign-in code checks") {
            try await store.admitVerification(clientAddress: context.clientAddress, limits: limits, now: now)
        }
        guard case .limited(let limit, let retryAfter) = admission else { return nil }
        return SignInPages.limited(limit, retryAfter: retryAfter, locale: locale, lang: lang)
    }

    private func record(_ officer: OfficerID?, _ context: APIRequestContext, succeeded: Bool, now: Date) async throws(APIError) {
        try await IdentityDatabase.run(environment, "counting a sign-in code check") {
            try await store.recordVerification(
                officerKey: officer,
                clientAddress: context.clientAddress,
                succeeded: succeeded,
                now: now
            )
        }
    }
}
