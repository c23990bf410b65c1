import WatchpostCore

/// One of the incident page's forms; its raw value is the `?done=` of the page shown after it
/// was sent.
public enum IncidentFormKind: String, Sendable, CaseIterable {
    /// Acknowledge the incident (`/acknowledge`).
    case acknowledged
    /// Record an action (`/actions`).
    case action
    /// Resolve the incident (`/resolve`).
    case resolved
    /// Separate a merged incident from the one it is merged into (`/unmerge`, D60).
    case unmerged
    /// Relate another incident (`/related`).
    case related
    /// End a relation (`/related/{other}/remove`, one button per related incident).
    case unrelated
    /// Merge this incident, a duplicate, into another (`/merge`).
    case merged

    /// The forms of the section at the top of the page, in this order.
    static let actions: [IncidentFormKind] = [.acknowledged, .action, .resolved, .unmerged]
    /// The forms of the section that relates and merges incidents, in this order.
    static let organising: [IncidentFormKind] = [.related, .merged]

    /// The last part of the path the form posts to.
    public var path: String {
        switch self {
        case .acknowledged: "acknowledge"
        case .action: "actions"
        case .resolved: "resolve"
        case .unmerged: "unmerge"
        case .related, .unrelated: "related"
        case .merged: "merge"
        }
    }

    /// The key in `Labels.incident` of the notice after the form was sent.
    var doneKey: String {
        switch self {
        case .acknowledged: "doneAcknowledged"
        case .action: "doneAction"
        case .resolved: "doneResolved"
        case .unmerged: "doneUnmerged"
        case .related: "doneRelated"
        case .unrelated: "doneUnrelated"
        case .merged: "doneMerged"
        }
    }
}

/// A form sent back with problems: which one, what was wrong, and what the officer typed.
public struct IncidentFormProblem: Sendable {
    /// The form.
    public var form: IncidentFormKind
    /// What was wrong, by field (`path`).
    public var problems: [EventProblem]
    /// The values typed, by field name (the first of each name).
    public var typed: [String: String]

    /// A form sent back.
    public init(form: IncidentFormKind, problems: [EventProblem], typed: [String: String]) {
        self.form = form
        self.problems = problems
        self.typed = typed
    }
}

extension IncidentPageView {
    /// The forms the reader may use (`incident-form.mustache`), under their heading.
    struct Actions: Sendable {
        let forms: [Form]
        /// Whether one of the forms came back with problems (a folded section is then shown open).
        let sentBack: Bool

        /// The forms of `kinds` that `viewer` may use, or `nil` when there are none.
        init?(
            _ source: IncidentPageSource,
            viewer: IncidentViewer,
            problem: IncidentFormProblem?,
            kinds: [IncidentFormKind] = IncidentFormKind.actions
        ) {
            let csrf = viewer.csrfToken.isEmpty ? nil : viewer.csrfToken
            var forms: [Form] = []
            for kind in kinds where viewer.forms.contains(kind) {
                // `data-primary`: the step the officer came for (the first form of the top
                // section, unless it is to resolve); the browser check finds it on the first screen.
                let primary = kinds == IncidentFormKind.actions && kind != .resolved && forms.isEmpty
                let sent = problem?.form == kind ? problem : nil
                forms.append(
                    Form(kind, source, csrf: csrf, problem: sent, primary: primary, candidates: viewer.mergeCandidates)
                )
            }
            guard !forms.isEmpty else { return nil }
            self.forms = forms
            sentBack = forms.contains(where: \.failed)
        }
    }

    /// One form: its fields, the CSRF token, and the notice when it was sent back.
    struct Form: Sendable {
        let path: String
        let legend: String
        let csrf: String?
        let failed: Bool
        let fields: [FieldView]
        let note: FieldView
        let button: String
        let primary: Bool
        let secondary: Bool

        /// The form of `kind`; `problem` only when it is this form that was sent back;
        /// `candidates`, the incidents a merge form offers.
        init(
            _ kind: IncidentFormKind,
            _ source: IncidentPageSource,
            csrf: String?,
            problem: IncidentFormProblem?,
            primary: Bool,
            candidates: [IncidentPeer] = []
        ) {
            path = "/incidents/\(source.state.id.canonicalString)/\(kind.path)"
            self.csrf = csrf
            failed = problem != nil
            self.primary = primary
            secondary = kind == .resolved
            switch kind {
            case .unmerged, .related, .unrelated, .merged:
                let parts = Self.organising(kind, source, problem, candidates)
                legend = parts.legend
                fields = parts.fields
                button = parts.button
            case .acknowledged:
                legend = ObligationKind.acknowledge.label(source.locale)
                fields = []
                button = source.word("acknowledge")
            case .action:
                legend = source.word("recordAction")
                fields = Self.actionFields(source, problem)
                button = source.word("record")
            case .resolved:
                legend = source.word("resolveIncident")
                fields = []
                button = source.word("markResolved")
            }
            note = FieldView.textarea(
                .init(name: "note", label: source.word("note"), error: Self.message("note", problem, source.locale)),
                value: problem?.typed["note"] ?? "",
                rows: 2,
                id: "note-\(kind.rawValue)"
            )
        }

        /// What was done, and the link proving it.
        private static func actionFields(_ source: IncidentPageSource, _ problem: IncidentFormProblem?) -> [FieldView] {
            let locale = source.locale
            return [
                FieldView.select(
                    .init(
                        name: "action",
                        label: source.word("whatWasDone"),
                        error: message("action", problem, locale)
                    ),
                    options: ActionKind.allCases.map { ($0.rawValue, $0.label(locale)) },
                    selected: problem?.typed["action"] ?? "",
                    placeholder: source.word("choose")
                ),
                FieldView.text(
                    .init(
                        name: "evidence_url",
                        label: source.word("evidenceURL"),
                        hint: source.word("evidenceHint"),
                        error: message("evidence_url", problem, locale)
                    ),
                    value: problem?.typed["evidence_url"] ?? "",
                    type: "url"
                ),
            ]
        }

        /// The problem of `field` (or of an element of it), in a sentence.
        static func message(_ field: String, _ problem: IncidentFormProblem?, _ locale: DisplayLocale)
            -> String?
        {
            guard
                let found = problem?.problems.first(where: { $0.path == field || $0.path.hasPrefix(field + "[") })
            else { return nil }
            return locale.text("Chưa hợp lệ: \(found.reason).", "Not valid: \(found.reason).")
        }
    }

}
