/// What someone owes on an incident. Raw values are the spelling in `routing.yaml`.
public enum ObligationKind: String, CaseIterable, Sendable, Codable, Hashable {
    /// Take charge of the incident (duty 4: the head of unit acts).
    case acknowledge
    /// Have the false or violating content taken down (duty 4; Decree 147/2024: 24 h).
    case takeDown = "take_down"
    /// Publish an accurate correction (duty 4).
    case publishCorrection = "publish_correction"
    /// Work with the police at the same level (duty 4).
    case notifyPolice = "notify_police"
    /// Report to the supervising education authority (duty 2: report promptly).
    case reportToAuthority = "report_to_authority"
    /// The authority desk acknowledges receipt of the school's report: the desk's own duty, so
    /// that its silence escalates to its own leadership, never to the school's head.
    case acknowledgeReceipt = "acknowledge_receipt"
    /// Follow a takedown the school requested through to the platform's removal: the supervising
    /// authority's, opened by a `takedown_requested` action, so that the platform's delay never
    /// escalates to the school's head.
    case followUpTakedown = "follow_up_takedown"
}

/// One kind of event that meets an obligation, as configured under `met_by` in `routing.yaml`.
public struct ObligationTrigger: Sendable, Hashable {
    /// The event type that meets it.
    public var event: EventType
    /// For `action.recorded`: the action required; `nil` means any action.
    public var action: ActionKind?
    /// If set, only an officer holding this relation to the school meets it (e.g. the authority
    /// desk confirming it received the head's report).
    public var by: Relation?

    /// Creates a trigger.
    public init(event: EventType, action: ActionKind? = nil, by: Relation? = nil) {
        self.event = event
        self.action = action
        self.by = by
    }

    /// Whether someone holding only `owner` to the school can meet an obligation with this
    /// trigger: the trigger names `owner` in `by`, or names nobody and `owner` may send its
    /// event (`Responsibility`).
    public func canBeMet(by owner: Relation) -> Bool {
        if let by { return by == owner }
        return Responsibility.allows(event, by: owner)
    }

    /// Whether `payload`, sent by someone holding `relations`, meets an obligation with this trigger.
    public func matches(_ payload: EventPayload, relations: [Relation]) -> Bool {
        guard payload.type == event else { return false }
        if let action, case .actionRecorded(let recorded) = payload, recorded.action != action { return false }
        if let by, !relations.contains(by) { return false }
        return true
    }
}

/// Why a deadline exists: a bilingual reason and the legal text it rests on, kept beside each
/// deadline so a supervisor can see why it was set.
public struct DeadlineReason: Sendable, Hashable, Codable {
    /// The reason in Vietnamese.
    public var vi: String
    /// The reason in English.
    public var en: String
    /// The legal basis, e.g. "Nghị định 147/2024/NĐ-CP, Điều 23".
    public var legalBasis: String

    /// Creates a reason.
    public init(vi: String, en: String, legalBasis: String) {
        self.vi = vi
        self.en = en
        self.legalBasis = legalBasis
    }

    /// The reason in `locale`.
    public func text(_ locale: DisplayLocale) -> String { locale == .vi ? vi : en }
}
