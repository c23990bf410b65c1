import Crypto
import Foundation
import HTTPTypes
import WatchpostCore
import WatchpostPresentation
import WatchpostNotify
import WatchpostStore

/// Checks a signed acknowledge link from an alert (`AcknowledgeLinkSigner`, key
/// `WATCHPOST_LINK_SECRET`, base URL the public URL): its signature, its expiry, that it was
/// not used, that its officer is still in the directory, that the incident is open and not yet
/// acknowledged by them, and that the link was issued after the incident was last (re)opened:
/// a link from before a reopen belongs to the incident's previous life. Each refusal says which
/// and why.
struct AcknowledgeLinkCheck {
    let environment: APIEnvironment

    /// A link that may acknowledge.
    struct Valid: Sendable {
        var grant: AcknowledgeGrant
        var officer: Officer
        var incident: IncidentState
        /// The SHA-256 of the signature's bytes, recorded in `used_links` once used.
        var signatureHash: Data
        /// The link's query, to post back.
        var fields: [(name: String, value: String)]
    }

    /// Why a link cannot acknowledge.
    struct Refusal: Error, Sendable {
        var status: HTTPResponse.Status
        var code: APIErrorCode
        var text: Label
    }

    /// Checks the link whose query fields are `fields` (`incident`, `officer`, `exp`, `sig`).
    func check(_ fields: [String: String]) async throws(APIError) -> Result<Valid, Refusal> {
        let names = ["incident", "officer", "exp", "sig"]
        var pairs: [String] = []
        for name in names { pairs.append(name + "=" + Self.escape(fields[name] ?? "")) }
        let query = pairs.joined(separator: "&")
        let signer = try signer()
        let grant: AcknowledgeGrant
        switch signer.verify(query, now: environment.now()) {
        case .success(let verified): grant = verified
        case .failure(let error): return .failure(Self.refusal(error))
        }
        let signatureHash = Data(SHA256.hash(data: Base64URL.decode(fields["sig"] ?? "") ?? []))
        guard let officer = environment.directory.officer(grant.officerID) else {
            return .failure(Refusal(status: .forbidden, code: .linkOfficerUnknown, text: Self.officerGone))
        }
        let (used, summary) = try await IdentityDatabase.run(environment, "checking an acknowledge link") {
            let used = try await UsedLinkStore(pool: environment.pool).isUsed(signatureHash: signatureHash)
            return (used, try await StoreQueries(pool: environment.pool).incidentSummary(grant.incidentID))
        }
        if used { return .failure(Refusal(status: .conflict, code: .linkUsed, text: Self.reused)) }
        guard let incident = summary?.state else {
            return .failure(Refusal(status: .notFound, code: .incidentNotFound, text: Self.unknownIncident))
        }
        // Links live `signer.lifetime` and carry only their expiry, so that is when it was issued
        // (to the second: the expiry is rounded down).
        let issuedAt = grant.expiresAt.addingTimeInterval(-DeadlineDuration.seconds(signer.lifetime))
        switch AcknowledgeGrantUse.obstacle(incident, officer: officer.id, issuedAt: issuedAt) {
        case .resolved?:
            return .failure(Refusal(status: .conflict, code: .incidentResolved, text: Self.resolved))
        case .beforeReopen?:
            return .failure(Refusal(status: .gone, code: .linkBeforeReopen, text: Self.beforeReopen))
        case .alreadyAcknowledged?:
            return .failure(Refusal(status: .conflict, code: .alreadyAcknowledged, text: Self.alreadyAcknowledged))
        case nil:
            break
        }
        return .success(
            Valid(
                grant: grant,
                officer: officer,
                incident: incident,
                signatureHash: signatureHash,
                fields: names.map { ($0, fields[$0] ?? "") }
            )
        )
    }

    /// The signer of the links (and reply codes) alerts carry; 503 when its settings are unusable.
    func signer() throws(APIError) -> AcknowledgeLinkSigner {
        do {
            return try AcknowledgeLinkSigner(
                baseURL: environment.settings.publicURL,
                secret: environment.settings.linkSecret
            )
        } catch {
            environment.logger.error("acknowledge links cannot be checked", metadata: ["error": "\(error)"])
            throw APIError(
                .serviceUnavailable,
                code: .linkKeyUnusable,
                message: "acknowledge links cannot be checked: \(error.message)",
                vi: "Máy chủ chưa được cấu hình đúng để kiểm tra liên kết xác nhận."
            )
        }
    }

    static func refusal(_ error: AcknowledgeLinkError) -> Refusal {
        switch error.code {
        case .expired:
            Refusal(status: .gone, code: .linkExpired, text: expired)
        case .badSignature:
            Refusal(status: .forbidden, code: .linkTampered, text: tampered)
        case .malformed, .weakKey, .invalidBaseURL:
            Refusal(status: .badRequest, code: .linkMalformed, text: malformed)
        }
    }

    static let reused = Label(
        vi: "Liên kết này đã được dùng. Mỗi liên kết xác nhận chỉ dùng được một lần.",
        en: "This link was already used. Each acknowledge link works once."
    )
    static let expired = Label(
        vi:
            "Liên kết này đã hết hạn. Đề nghị đăng nhập để xác nhận sự việc, hoặc dùng liên kết trong tin nhắn mới nhất.",
        en: "This link has expired. Sign in to acknowledge the incident, or use the link in the latest message."
    )
    static let tampered = Label(
        vi: "Liên kết này đã bị sửa đổi nên chữ ký không còn khớp. Đề nghị mở đúng liên kết trong tin nhắn.",
        en:
            "This link was altered, so its signature no longer matches. Open the link exactly as it came in the message."
    )
    static let malformed = Label(
        vi: "Liên kết này không đầy đủ hoặc sai định dạng (có thể bị cắt khi sao chép).",
        en: "This link is incomplete or malformed (it may have been cut when copied)."
    )
    static let officerGone = Label(
        vi: "Cán bộ được gửi liên kết này không còn trong danh bạ.",
        en: "The officer this link was sent to is no longer in the directory."
    )
    static let unknownIncident = Label(
        vi: "Không tìm thấy sự việc của liên kết này.",
        en: "The incident of this link was not found."
    )
    static let beforeReopen = Label(
        vi:
            "Sự việc này đã được mở lại sau khi liên kết này được gửi. Đề nghị dùng liên kết trong tin nhắn mới nhất, hoặc đăng nhập để xác nhận.",
        en:
            "This incident was reopened after this link was sent. Use the link in the latest message, or sign in to acknowledge."
    )
    static let resolved = Label(
        vi: "Sự việc này đã được giải quyết hoặc đã gộp vào sự việc khác; không còn gì để xác nhận.",
        en: "This incident is resolved or merged into another; there is nothing left to acknowledge."
    )
    static let alreadyAcknowledged = Label(
        vi: "Đồng chí đã xác nhận đã nhận thông tin về sự việc này trước đó.",
        en: "You have already acknowledged this incident."
    )

    /// Characters left as they are in a query value (RFC 3986 unreserved).
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
    )

    private static func escape(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}
