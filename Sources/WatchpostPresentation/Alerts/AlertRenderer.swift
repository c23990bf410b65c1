import Foundation
import WatchpostCore
import WatchpostNotify

/// Turns an alert into the message its recipient reads, in their language: what happened, at
/// which school, what they owe and by when (local time, Asia/Ho_Chi_Minh), why and on what
/// legal basis, who else knows, and a personal signed acknowledge link.
///
/// Pure: no I/O, no clock. People involved appear only as roles; the only free text printed is
/// the incident's summary, when an officer or a trusted tool wrote it, with its links hidden
/// (`summaryText`; links to the content stay behind the API, since a profile URL can name a
/// child).
public struct AlertRenderer: Sendable {
    /// Signs the acknowledge links.
    public var signer: AcknowledgeLinkSigner
    /// The tools whose reports' summaries alerts may quote: the policy's `trusted_tools`.
    /// Default: none.
    public var trustedTools: Set<String> = []
    /// The most SMS segments `smsText` may use. Default: 3, the gateway channel's default.
    public var smsMaxSegments: Int = 3
    /// Whether texts carry a reply code, because the deployment reads answers
    /// (`WATCHPOST_SMS_INBOUND_SECRET` is set). Default: off, since a one-way sender name
    /// cannot be answered.
    public var smsReplies = false

    /// Creates a renderer.
    public init(signer: AcknowledgeLinkSigner) {
        self.signer = signer
    }

    /// The message for `context`, shaped for `channel`: SMS (`.sms`) gets `smsText` as its
    /// body, a call (`.voice`) its `voiceScript` as TwiML; every other channel the full body.
    /// Subject, JSON payload, the template's name and the fields template channels fill their
    /// parameters from (`fields`) are always set.
    public func render(_ context: AlertContext, for channel: ChannelKind = .email) -> OutboundMessage {
        let body: String =
            switch channel {
            case .sms: smsText(context)
            case .voice: voiceScript(context).twiml
            default: body(context)
            }
        return OutboundMessage(
            subject: subject(context),
            body: body,
            payload: payload(context),
            idempotencyKey: context.idempotencyKey,
            locale: context.locale.rawValue,
            template: context.alert.template.rawValue,
            fields: fields(context)
        )
    }

    /// A short subject, e.g. "[Watchpost] Bạo lực học đường — Trường THCS Bình Sơn — mức cao";
    /// obligation templates name the obligation instead of the category.
    public func subject(_ context: AlertContext) -> String {
        let strings = TemplateStrings.for(context.locale)
        let tag = strings.subjectTag[context.alert.template] ?? ""
        let topic =
            context.alert.template.isAboutObligation
            ? context.obligation.map { strings.label($0.kind) } ?? strings.label(context.incident.category)
            : strings.label(context.incident.category)
        let severity = strings.severityWord(strings.label(context.incident.severity))
        return "[Watchpost] \(tag)\(topic) — \(context.school.name) — \(severity)"
    }

    /// The personal acknowledge link, or `nil` once the incident is resolved (there is nothing
    /// left to acknowledge).
    public func acknowledgeURL(_ context: AlertContext) -> String? {
        guard context.incident.status.isOpen else { return nil }
        return signer.link(incident: context.incident.id, officer: context.recipient.id, now: context.now)
    }

    /// When the acknowledge link of `context` expires.
    func acknowledgeExpiry(_ context: AlertContext) -> Date {
        context.now.addingTimeInterval(DeadlineDuration.seconds(signer.lifetime))
    }

    /// The deadline that was missed, for escalation templates.
    func missedDeadline(_ context: AlertContext) -> Date? {
        context.missedDeadline ?? context.obligation?.escalatedAt ?? context.obligation?.dueAt
    }
}

extension AlertTemplate {
    /// Whether the message is about one obligation rather than the incident as a whole.
    var isAboutObligation: Bool {
        self == .obligationReminder || self == .obligationEscalated || self == .obligationMissed
    }

    /// Whether the message reports a missed deadline.
    var reportsMiss: Bool { self == .obligationEscalated || self == .obligationMissed }

    /// Whether the recipient is told as a supervisor, to direct rather than to act.
    var asksToDirect: Bool { self == .obligationEscalated || self == .incidentEscalated }
}
