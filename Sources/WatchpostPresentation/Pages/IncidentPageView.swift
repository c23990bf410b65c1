import Foundation
import WatchpostCore
import WatchpostStore

/// The incident page (`incident.mustache`): the forms of the officer's next step first (on a
/// phone the facts, the deadlines and their legal basis would push them several screens down),
/// then the facts, the obligations with their reason and legal basis, and the timeline of events,
/// alerts and deliveries. After a form was sent, a notice says so.
public struct IncidentPageView: Sendable {
    let done: String?
    let childLogged: Bool
    let actions: Actions?
    let facts: Facts
    let obligations: Obligations?
    let related: Related?
    let timeline: Timeline?

    /// The page of the incident of `timeline` for `viewer`, at `now`; `done` is the form just
    /// sent (`?done=`), `problem` the form sent back with problems.
    public init(
        timeline: IncidentTimeline,
        directory: Directory,
        viewer: IncidentViewer,
        now: Date,
        locale: DisplayLocale,
        done: IncidentFormKind? = nil,
        problem: IncidentFormProblem? = nil,
        related: [IncidentLink] = []
    ) {
        let source = IncidentPageSource(timeline: timeline, directory: directory, now: now, locale: locale)
        self.done = done.map { source.word($0.doneKey) }
        childLogged = viewer.involvesChild
        actions = Actions(source, viewer: viewer, problem: problem)
        facts = Facts(source, showsURLs: viewer.showsURLs)
        obligations = Obligations(source)
        self.related = Related(related, source: source)
        self.timeline = Timeline(source)
    }

    /// The related incidents the reader may open: one rumour at other schools.
    struct Related: Sendable {
        let items: [Item]

        struct Item: Sendable {
            let link: String
            let school: String
            let status: String
            let reason: String
        }

        init?(_ links: [IncidentLink], source: IncidentPageSource) {
            guard !links.isEmpty else { return nil }
            items = links.map { link in
                Item(
                    link: "/incidents/\(link.incidentID.canonicalString)",
                    school: source.directory.unit(link.unitID)?.name ?? link.unitID,
                    status: link.status.label(source.locale),
                    reason: source.word(link.reason == "manual" ? "relatedManual" : "relatedSameContent")
                )
            }
        }
    }
}

/// What the incident page offers its reader, as the API decided from the reader's rights.
public struct IncidentViewer: Sendable {
    /// The forms the reader may use now (none once the incident is resolved).
    public var forms: Set<IncidentFormKind>
    /// The session's CSRF token the forms carry; "" for a caller without a session.
    public var csrfToken: String
    /// Whether the reader may see the reported links.
    public var showsURLs: Bool
    /// Whether a child is involved, so that every view is logged and the page says so.
    public var involvesChild: Bool

    /// A reader.
    public init(forms: Set<IncidentFormKind>, csrfToken: String, showsURLs: Bool, involvesChild: Bool) {
        self.forms = forms
        self.csrfToken = csrfToken
        self.showsURLs = showsURLs
        self.involvesChild = involvesChild
    }
}

/// What every section of the incident page is built from.
struct IncidentPageSource {
    let timeline: IncidentTimeline
    let directory: Directory
    let now: Date
    let locale: DisplayLocale

    /// The incident.
    var state: IncidentState { timeline.summary.state }

    /// The label `key` of the page's section of `Labels`, in the page's language.
    func word(_ key: String) -> String { Labels.label("incident", key)(locale) }

    /// The officer's name, or the id of an officer the directory no longer has.
    func name(of officer: OfficerID) -> String { directory.officer(officer)?.name ?? officer }
}
