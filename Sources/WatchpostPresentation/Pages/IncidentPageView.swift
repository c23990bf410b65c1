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
    let merged: MergedNotice?
    let absorbed: Absorbed?
    let organise: Actions?
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
        self.related = Related(related, source: source, viewer: viewer)
        merged = viewer.mergedInto.map { MergedNotice($0, source) }
        absorbed = Absorbed(viewer.mergedFrom, source)
        organise = Actions(source, viewer: viewer, problem: problem, kinds: IncidentFormKind.organising)
        self.timeline = Timeline(source)
    }

    /// The related incidents the reader may open: one rumour at other schools, each with a
    /// button to unrelate it when the reader may.
    struct Related: Sendable {
        let items: [Item]

        struct Item: Sendable {
            let link: String
            let school: String
            let status: String
            let reason: String
            let unrelate: Unrelate?
        }

        /// The button that ends a relation.
        struct Unrelate: Sendable {
            let path: String
            let csrf: String?
        }

        init?(_ links: [IncidentLink], source: IncidentPageSource, viewer: IncidentViewer) {
            guard !links.isEmpty else { return nil }
            let own = source.state.id.canonicalString
            items = links.map { link in
                let other = link.incidentID.canonicalString
                return Item(
                    link: "/incidents/\(other)",
                    school: source.directory.unit(link.unitID)?.name ?? link.unitID,
                    status: link.status.label(source.locale),
                    reason: source.word(link.reason == "manual" ? "relatedManual" : "relatedSameContent"),
                    unrelate: viewer.unrelatable.contains(link.incidentID)
                        ? Unrelate(
                            path: "/incidents/\(own)/related/\(other)/remove",
                            csrf: viewer.csrfToken.isEmpty ? nil : viewer.csrfToken
                        ) : nil
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
    /// The related incidents the reader may unrelate from this one.
    public var unrelatable: Set<UUID> = []
    /// The incidents the merge form offers to merge this one into (D60).
    public var mergeCandidates: [IncidentPeer] = []
    /// For a merged incident: the incident it is merged into.
    public var mergedInto: IncidentPeer?
    /// The duplicates merged into this incident.
    public var mergedFrom: [IncidentPeer] = []

    /// A reader.
    public init(forms: Set<IncidentFormKind>, csrfToken: String, showsURLs: Bool, involvesChild: Bool) {
        self.forms = forms
        self.csrfToken = csrfToken
        self.showsURLs = showsURLs
        self.involvesChild = involvesChild
    }
}

/// Another incident as the incident page names it: its school and, when the reader may open
/// it, a link.
public struct IncidentPeer: Sendable, Hashable {
    /// The incident.
    public var id: UUID
    /// Its school.
    public var unitID: UnitID
    /// Its category, to tell it from others of the school, when known.
    public var category: IncidentCategory?
    /// Whether the reader may open it.
    public var visible: Bool

    /// A peer.
    public init(id: UUID, unitID: UnitID, category: IncidentCategory?, visible: Bool) {
        self.id = id
        self.unitID = unitID
        self.category = category
        self.visible = visible
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
