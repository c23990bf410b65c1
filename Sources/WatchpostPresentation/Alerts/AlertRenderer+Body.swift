import Foundation
import WatchpostCore
import WatchpostNotify

extension AlertRenderer {
    /// The plain-text body, in the context's locale; sections separated by blank lines.
    public func body(_ context: AlertContext) -> String {
        let strings = TemplateStrings.for(context.locale)
        let template = context.alert.template
        let time = { (date: Date) in LocalTime.format(date, locale: context.locale) }
        var sections: [String] = []

        let title = context.recipientTitle.isEmpty ? strings.label(context.alert.relation) : context.recipientTitle
        sections.append(strings.greeting(context.recipient.name, title))
        let facts = IntroFacts(
            school: context.school.name,
            level: context.obligation?.level ?? context.incident.escalationLevel,
            resolvedAt: context.incident.resolvedAt.map(time),
            openedAt: time(context.incident.openedAt),
            reportCount: context.incident.evidence.count,
            mergedInto: context.incident.mergedInto?.canonicalString
        )
        sections.append(strings.intro(template, facts))

        if let (person, absence) = context.absentHolder {
            let (first, last) = (absence.first.description, absence.last.description)
            sections.append(
                context.locale.text(
                    "Lưu ý: đồng chí \(person) vắng mặt từ ngày \(Self.day(absence.first)) đến hết ngày "
                        + "\(Self.day(absence.last)) và chưa giao người thay. Đề nghị đồng chí bố trí người xử lý.",
                    "Note: \(person) is away from \(first) to \(last) with nobody standing in. Please assign someone."
                )
            )
        }
        if template.isAboutObligation, let obligation = context.obligation {
            sections.append(obligationSection(obligation, context, strings))
        }
        if template == .obligationEscalated, let obligation = context.obligation, obligation.status == .open {
            let due = obligation.dueAt.map {
                DeadlineText.format($0, clock: obligation.clock, locale: context.locale)
            }
            sections.append(strings.direct(strings.label(obligation.ownerRelation), due))
        }
        sections.append(factsSection(context, strings))
        if template.asksToDirect {
            let others = context.incident.openObligations.filter { $0.id != context.obligation?.id }
            if !others.isEmpty { sections.append(schoolOpenSection(others, context, strings)) }
        }
        if template != .incidentResolved, template != .incidentMerged {
            let detailed = template.isAboutObligation ? context.obligation?.id : nil
            let todo = context.recipientObligations.map {
                todoLines($0, withReason: $0.id != detailed, context, strings)
            }
            if !todo.isEmpty {
                sections.append(todo.joined(separator: "\n"))
            } else if !template.asksToDirect {
                sections.append(strings.nothingOwed)
            }
        }
        if !context.alsoTold.isEmpty {
            let lines = context.alsoTold.flatMap(\.officers).map { person in
                let title = person.title(context.locale)
                return "- " + (title.isEmpty ? person.name : strings.person(person.name, title))
            }
            sections.append(([strings.alsoToldHeading] + lines).joined(separator: "\n"))
        }
        if let url = acknowledgeURL(context) {
            sections.append(strings.acknowledge(url, time(acknowledgeExpiry(context))))
        }
        sections.append(strings.footer(context.incident.id.uuidString.lowercased()))
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// What the alert's obligation is, who owes it, by when (or which deadline was missed), why.
    private func obligationSection(_ obligation: Obligation, _ context: AlertContext, _ strings: TemplateStrings)
        -> String
    {
        let time = { (date: Date) in LocalTime.format(date, locale: context.locale) }
        let due = { (date: Date) in DeadlineText.format(date, clock: obligation.clock, locale: context.locale) }
        let heading: String
        var deadline: String?
        if obligation.status != .open {
            heading = strings.closedHeading
            deadline = obligation.dueAt.map { "- \(strings.deadlineLabel): \(strings.byTime(due($0)))" }
        } else if context.alert.template.reportsMiss {
            heading = strings.missedHeading
            deadline = missedDeadline(context).map { "- \(strings.missedDeadlineLabel): \(time($0))" }
        } else {
            heading = strings.dueSoonHeading
            deadline = obligation.dueAt.map { "- \(strings.deadlineLabel): \(strings.byTime(due($0)))" }
        }
        let owner =
            context.owner.map { strings.person($0.name, context.ownerTitle ?? strings.label(obligation.ownerRelation)) }
            ?? "\(strings.label(obligation.ownerRelation)) (\(strings.nobody))"
        let lines = [
            heading,
            "- \(strings.obligationLabel): \(strings.label(obligation.kind))",
            deadline,
            "- \(strings.ownerLabel): \(owner)",
            "- \(strings.reasonLabel): \(obligation.reason.text(context.locale))",
            "- \(strings.legalBasisLabel): \(obligation.reason.legalBasis)",
        ]
        return lines.compactMap { $0 }.joined(separator: "\n")
    }

    /// One obligation the recipient owes: the deadline line, then (unless already detailed above)
    /// its reason and legal basis.
    private func todoLines(
        _ obligation: Obligation,
        withReason: Bool,
        _ context: AlertContext,
        _ strings: TemplateStrings
    ) -> String {
        let time = { (date: Date) in DeadlineText.format(date, clock: obligation.clock, locale: context.locale) }
        let kind = strings.label(obligation.kind)
        var lines: [String]
        if obligation.isEscalated {
            lines = [strings.todoOverdue(kind, obligation.dueAt.map(time))]
        } else if let due = obligation.dueAt {
            lines = [strings.todo(kind, time(due))]
        } else {
            lines = [strings.todoNoDeadline(kind)]
        }
        if withReason {
            lines.append("  \(strings.reasonLabel): \(obligation.reason.text(context.locale))")
            lines.append("  \(strings.legalBasisLabel): \(obligation.reason.legalBasis)")
        }
        return lines.joined(separator: "\n")
    }

    /// For a supervisor: everything else the school still owes, with owner and deadline.
    private func schoolOpenSection(_ obligations: [Obligation], _ context: AlertContext, _ strings: TemplateStrings)
        -> String
    {
        let lines = AlertContext.ordered(obligations, first: nil).map { obligation in
            let due =
                obligation.isEscalated
                ? strings.overdueMark
                : obligation.dueAt.map {
                    "; \(strings.deadlineLabel.lowercased()): "
                        + strings.byTime(DeadlineText.format($0, clock: obligation.clock, locale: context.locale))
                }
            return "- \(strings.label(obligation.kind)) — \(strings.label(obligation.ownerRelation))\(due ?? "")"
        }
        return ([strings.schoolOpenHeading] + lines).joined(separator: "\n")
    }

    /// The incident in words: category, severity, platform, roles involved, summary, school.
    private func factsSection(_ context: AlertContext, _ strings: TemplateStrings) -> String {
        let incident = context.incident
        let subjects =
            incident.subjects.isEmpty
            ? strings.noSubjects
            : incident.subjects.map { strings.label($0, at: context.school.kind) }.joined(separator: ", ")
        var lines = [
            strings.factsHeading,
            "- \(strings.categoryLabel): \(strings.label(incident.category))",
            "- \(strings.severityLabel): \(strings.label(incident.severity))",
            "- \(strings.platformLabel): \(strings.label(incident.platform))",
            "- \(strings.subjectsLabel): \(subjects)",
            "- \(strings.summaryLabel): \(summaryText(context))",
            "- \(strings.schoolLabel): \(context.school.name)",
        ]
        if let authority = context.authority {
            let name = context.locale == .en ? authority.nameEN ?? authority.name : authority.name
            lines.append("- \(strings.authorityLabel): \(name)")
        }
        lines.append("- \(strings.openedLabel): \(LocalTime.format(incident.openedAt, locale: context.locale))")
        lines.append("- \(strings.statusLabel): \(strings.label(incident.status))")
        if incident.evidence.count > 1 {
            lines.append("- \(strings.reportsLabel): \(incident.evidence.count)")
        }
        return lines.joined(separator: "\n")
    }

    /// `day` as Vietnamese correspondence writes a date: "21/12/2026".
    static func day(_ day: CivilDay) -> String { LocalTime.formatDay(day.at(hour: 12), locale: .vi) }
}
