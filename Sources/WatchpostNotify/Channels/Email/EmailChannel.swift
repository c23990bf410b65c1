import CCurl
import Foundation
import WatchpostCore

/// Delivers a message as a plain-text e-mail through an SMTP server, using libcurl.
///
/// The address is the recipient's e-mail address. A permanent refusal by the server (5xx,
/// for example an unknown mailbox) is `.rejected`; a transient one (4xx) is retriable.
/// The receipt's `serverMessageID` is the `Message-ID` header, derived from the delivery id.
public struct EmailChannel: DeliveryChannel {
    /// Always `.email`.
    public var kind: ChannelKind { .email }
    /// The settings in force.
    public let configuration: EmailConfiguration
    private let sender: (name: String?, address: MailAddress)

    /// Creates the channel; throws `.configuration` when the URL or sender is unusable.
    public init(configuration: EmailConfiguration) throws(DeliveryError) {
        let scheme = configuration.url.split(separator: ":").first?.lowercased()
        guard scheme == "smtp" || scheme == "smtps" else {
            throw DeliveryError(
                .configuration,
                channel: .email,
                message: "WATCHPOST_SMTP_URL must start with smtp:// or smtps://"
            )
        }
        guard let sender = MailAddress.parseMailbox(configuration.from) else {
            throw DeliveryError(
                .configuration,
                channel: .email,
                message: "WATCHPOST_SMTP_FROM is not an address: \(configuration.from.prefix(80))"
            )
        }
        self.configuration = configuration
        self.sender = sender
    }

    /// Sends `message` to the e-mail address `address`.
    public func send(_ message: OutboundMessage, to address: String) async throws -> DeliveryReceipt {
        let recipient = try recipient(address)
        let content = MailComposer.compose(
            message,
            fromName: sender.name,
            from: sender.address,
            to: recipient,
            date: Date()
        )
        let easy = try CurlEasy(channel: .email)
        try easy.set(CURLOPT_URL, configuration.url)
        try easy.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        try easy.set(CURLOPT_USE_SSL, Int(tlsOption.rawValue))
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, CurlHTTP.milliseconds(configuration.connectTimeout))
        try easy.set(CURLOPT_TIMEOUT_MS, CurlHTTP.milliseconds(configuration.timeout))
        if let username = configuration.username, !username.isEmpty {
            try easy.set(CURLOPT_USERNAME, username)
            try easy.set(CURLOPT_PASSWORD, configuration.password ?? "")
        }
        try easy.set(CURLOPT_MAIL_FROM, "<\(sender.address.value)>")
        try easy.set(CURLOPT_MAIL_RCPT, list: ["<\(recipient.value)>"])
        try easy.setUpload(content)
        let code = try await CurlTransferPool.shared.perform(easy)
        guard code == CURLE_OK else {
            throw CurlFailure.error(code, easy: easy, redacting: [configuration.password].compactMap { $0 })
        }
        return DeliveryReceipt(
            channel: .email,
            responseCode: easy.responseCode,
            serverMessageID: MailComposer.messageID(for: message.idempotencyKey, domain: sender.address.domain)
        )
    }

    /// The exact bytes `send` uploads for `message` to `address` dated `date`.
    public func compose(_ message: OutboundMessage, to address: String, date: Date) throws(DeliveryError) -> Data {
        MailComposer.compose(
            message,
            fromName: sender.name,
            from: sender.address,
            to: try recipient(address),
            date: date
        )
    }

    private func recipient(_ address: String) throws(DeliveryError) -> MailAddress {
        guard let recipient = MailAddress(address) else {
            throw DeliveryError(
                .invalidAddress,
                channel: .email,
                message: "not a usable e-mail address: \(address.prefix(80))"
            )
        }
        return recipient
    }

    private var tlsOption: curl_usessl {
        switch configuration.tls {
        case .none: CURLUSESSL_NONE
        case .tryStartTLS: CURLUSESSL_TRY
        case .required: CURLUSESSL_ALL
        }
    }
}
