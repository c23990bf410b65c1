import WatchpostCore
import WatchpostNotify

extension TemplateStrings {
    /// English, for officers whose directory entry says `locale: en`. Names of Vietnamese
    /// units stay in Vietnamese, with their diacritics: that is how they are written officially.
    public static let en = TemplateStrings(
        locale: .en,
        subjectTag: [
            .incidentNew: "",
            .incidentUpdated: "Updated: ",
            .incidentEscalated: "Escalated: ",
            .incidentResolved: "Resolved: ",
            .incidentReopened: "Reopened: ",
            .incidentMerged: "Merged: ",
            .evidenceAttached: "Further report: ",
            .obligationReminder: "Reminder: ",
            .obligationEscalated: "Overdue, escalated: ",
            .obligationMissed: "Deadline missed: ",
            .deliveryFailed: "Undelivered: ",
        ],
        severityWord: { "severity \($0)" },
        greeting: { name, title in "To: \(name), \(title)." },
        person: { name, title in "\(name), \(title)" },
        intro: { template, facts in
            switch template {
            case .incidentNew:
                "Watchpost has recorded a new social-network incident concerning \(facts.school)."
            case .incidentUpdated:
                "The incident concerning \(facts.school) has been updated (category, severity, summary, or a further report)."
            case .incidentEscalated:
                "The incident concerning \(facts.school) has been escalated to level \(facts.level) for direction."
            case .incidentResolved:
                "The incident concerning \(facts.school) was resolved at \(facts.resolvedAt ?? facts.openedAt). "
                    + "Obligations still open are no longer owed."
            case .incidentReopened:
                "The incident concerning \(facts.school) has been reopened. Deadlines count again from "
                    + "\(facts.openedAt)."
            case .incidentMerged:
                "The incident concerning \(facts.school) has been merged into incident \(facts.mergedInto ?? "another"), "
                    + "where it is followed up from now on. Obligations still open on this incident are no longer owed."
            case .evidenceAttached:
                "Another report of the same content concerning \(facts.school) has been attached "
                    + "(\(facts.reportCount) reports in all). No new obligations arise."
            case .obligationReminder:
                "Reminder: an obligation on the incident concerning \(facts.school) is due soon and not yet met."
            case .obligationEscalated:
                "An obligation on the incident concerning \(facts.school) passed its deadline unmet; Watchpost has "
                    + "escalated it to level \(facts.level) for direction."
            case .obligationMissed:
                "The obligation below, on the incident concerning \(facts.school), passed its deadline unmet; "
                    + "Watchpost has escalated it (level \(facts.level)). It must still be done."
            case .deliveryFailed:
                "Watchpost tried repeatedly on every channel but could not deliver an alert about an incident at "
                    + "\(facts.school). Please reach the people responsible directly, by phone."
            }
        },
        factsHeading: "The incident:",
        categoryLabel: "Category",
        severityLabel: "Severity",
        platformLabel: "Platform",
        subjectsLabel: "People involved",
        noSubjects: "none recorded",
        summaryLabel: "Summary",
        toolReportLine: { category, severity, platform, school in
            "\(category), severity \(severity.lowercased()), \(platform.map { "on \($0)" } ?? "on another platform"), "
                + "concerning \(school) (reported by a monitoring tool; see the details on Watchpost)."
        },
        linkHidden: "[link hidden]",
        schoolLabel: "School",
        authorityLabel: "Supervising authority",
        openedLabel: "Received at",
        statusLabel: "Status",
        reportsLabel: "Reports",
        todo: { kind, due in "To do: \(kind) — due \(due)" },
        todoOverdue: { kind, next in
            next.map { "To do: \(kind) — overdue; escalates further if not done by \($0)" }
                ?? "To do: \(kind) — overdue; escalated to the highest level"
        },
        todoNoDeadline: { kind in "To do: \(kind) — no deadline" },
        reasonLabel: "Why",
        legalBasisLabel: "Legal basis",
        nothingOwed: "Nothing on this incident is owed by you; this is for your information and coordination.",
        dueSoonHeading: "Due soon:",
        missedHeading: "Missed deadline:",
        closedHeading: "No longer owed:",
        obligationLabel: "Obligation",
        deadlineLabel: "Deadline",
        byTime: { $0 },
        missedDeadlineLabel: "Missed deadline",
        ownerLabel: "Owed by",
        nobody: "nobody in the directory yet",
        direct: { owner, next in
            next.map {
                "Please direct the \(owner.lowercased()) to complete it. If it is still not done by \($0), Watchpost escalates "
                    + "to the next level."
            }
                ?? "This is the last level of the escalation chain; the obligation stays open and on record until met."
        },
        schoolOpenHeading: "Still owed:",
        overdueMark: " — overdue",
        alsoToldHeading: "Also told:",
        acknowledge: { url, until in "Acknowledge receipt: \(url)\n(Personal link, valid until \(until).)" },
        footer: { id in
            "Incident id: \(id)\nAutomatic message from Watchpost. Do not forward it: the acknowledge link is personal."
        },
        smsTag: [
            .incidentNew: "",
            .incidentUpdated: "Updated - ",
            .incidentEscalated: "Escalated - ",
            .incidentResolved: "Resolved - ",
            .incidentReopened: "Reopened - ",
            .incidentMerged: "Merged - ",
            .evidenceAttached: "Further report - ",
            .obligationReminder: "Reminder - ",
            .obligationEscalated: "Overdue - ",
            .obligationMissed: "Overdue - ",
            .deliveryFailed: "Undelivered alert - ",
        ],
        smsHeadline: { tag, category, severity, school in "Watchpost: \(tag)\(category), \(severity), \(school)." },
        smsObligation: { kind, due in "\(kind), due \(due)." },
        smsTodo: { kind, when, more in "To do: \(kind) \(when)" + (more > 0 ? " (+\(more) more)." : ".") },
        smsBy: { "by \($0)" },
        smsOverdue: "(overdue)",
        smsMissed: { title, kind, due in "\(title), please complete: \(kind), was due \(due)." },
        smsAcknowledge: "Ack:",
        smsReplyOr: { key, code in "reply \(key) \(code), or open" },
        groupedSubject: { alerts, incidents in "\(alerts) alerts on \(incidents) incidents" },
        groupedIntro: { alerts, incidents, since in
            "Since \(since), Watchpost has had \(alerts) alerts for you about the \(incidents) incidents below. So "
                + "that you do not get many messages in a row, they come together in one, as the routing policy says."
        },
        incidentIDLabel: "Incident id",
        groupedFooter: "Automatic message from Watchpost. Do not forward it: the acknowledge links are personal.",
        smsGroupedHeadline: { alerts in "Watchpost: \(alerts) alerts." },
        smsMoreIncidents: { count in "and \(count) more incidents." },
        smsSeeAll: "See:"
    )
}
