import Foundation
import WatchpostCore
import WatchpostNotify

extension AlertRenderer {
    /// A short text for SMS: the key facts, the one deadline that matters, and the acknowledge
    /// link, within `smsMaxSegments` segments. When `smsReplies` is on, the link is preceded by
    /// the reply code ("Xác nhận: trả lời 1 482913, hoặc mở https://…").
    ///
    /// The link must survive whole, so the text is fitted here rather than by the gateway
    /// (which would cut the end): first as written; else without diacritics (GSM-7 carries more
    /// than twice as much per segment); else with the facts shortened before the link.
    public func smsText(_ context: AlertContext) -> String {
        let strings = TemplateStrings.for(context.locale)
        let link =
            acknowledgeURL(context).map { url in
                let reply = replyCode(context).map { strings.smsReplyOr(ReplyText.acknowledgeKey, $0) + " " } ?? ""
                return " \(strings.smsAcknowledge) \(reply)\(url)"
            } ?? ""
        return SMSText.fit(facts: smsFacts(context), link: link, maxSegments: smsMaxSegments)
    }

    /// The key facts and the one deadline that matters, as one short paragraph: the text of an
    /// SMS before its link, and what a call says.
    public func smsFacts(_ context: AlertContext) -> String {
        let strings = TemplateStrings.for(context.locale)
        let template = context.alert.template
        let time = { (date: Date) in LocalTime.format(date, locale: context.locale) }
        var facts = [
            strings.smsHeadline(
                strings.smsTag[template] ?? "",
                strings.label(context.incident.category),
                strings.label(context.incident.severity),
                context.school.name
            )
        ]
        if template.isAboutObligation, let obligation = context.obligation {
            let due =
                template.reportsMiss
                ? missedDeadline(context).map(time) ?? "-"
                : obligation.dueAt.map { DeadlineText.format($0, clock: obligation.clock, locale: context.locale) }
                    ?? "-"
            let kind = strings.label(obligation.kind)
            if template == .obligationMissed {
                // Written to the owner of the missed obligation: addressed by title, not "you".
                facts.append(strings.smsMissed(strings.title(context.alert.relation), kind, due))
            } else {
                facts.append(strings.smsObligation(kind, due))
            }
        } else if template != .incidentResolved, template != .incidentMerged,
            let first = context.recipientObligations.first
        {
            let when =
                first.isEscalated
                ? strings.smsOverdue
                : first.dueAt.map { strings.smsBy(DeadlineText.format($0, clock: first.clock, locale: context.locale)) }
                    ?? ""
            facts.append(strings.smsTodo(strings.label(first.kind), when, context.recipientObligations.count - 1))
        }
        return facts.joined(separator: " ")
    }

    /// The code an answer to this text acknowledges with, when `smsReplies` is on and the
    /// incident is open; the delivery id is the context's idempotency key.
    public func replyCode(_ context: AlertContext) -> String? {
        guard smsReplies, context.incident.status.isOpen, let delivery = UUID(uuidString: context.idempotencyKey)
        else { return nil }
        return signer.replyCode(delivery: delivery)
    }
}
