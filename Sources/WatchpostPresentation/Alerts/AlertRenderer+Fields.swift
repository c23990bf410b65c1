import Foundation
import WatchpostCore
import WatchpostNotify

extension AlertRenderer {
    /// The message's facts by name for template channels (Zalo ZNS), in the recipient's
    /// language and with the words of the SMS text: the school, category, severity, the
    /// obligation that matters with its deadline (the missed one for escalations), the
    /// recipient's post, the acknowledge link, the incident reference and the subject.
    public func fields(_ context: AlertContext) -> [MessageField: String] {
        let strings = TemplateStrings.for(context.locale)
        let template = context.alert.template
        var fields: [MessageField: String] = [
            .school: context.school.name,
            .category: strings.label(context.incident.category),
            .severity: strings.label(context.incident.severity),
            .recipientTitle: context.recipientTitle,
            .acknowledgeURL: acknowledgeURL(context) ?? "",
            .incidentRef: String(context.incident.id.uuidString.lowercased().prefix(8)),
            .subject: subject(context),
        ]
        let obligation =
            template.isAboutObligation ? context.obligation : context.recipientObligations.first
        if let obligation {
            fields[.obligation] = strings.label(obligation.kind)
            if template.reportsMiss {
                fields[.deadline] = missedDeadline(context).map { LocalTime.format($0, locale: context.locale) } ?? ""
            } else {
                fields[.deadline] =
                    obligation.dueAt.map { DeadlineText.format($0, clock: obligation.clock, locale: context.locale) }
                    ?? ""
            }
        } else {
            fields[.obligation] = ""
            fields[.deadline] = ""
        }
        return fields
    }
}
