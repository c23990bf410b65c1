/// A pause the policy grants when an action is recorded (`pauses` in `routing.yaml`, issue 29):
/// the open obligations of `kind` wait `duration` for someone else (the platform, the police),
/// then their deadline resumes with the time that was left.
public struct PauseSpec: Sendable, Hashable {
    /// The obligations it pauses.
    public var kind: ObligationKind
    /// How long they wait, on the calendar: the other party's time is not the school's.
    public var duration: Duration
    /// Why, with its legal basis, shown while the pause lasts.
    public var reason: DeadlineReason
    /// The id of that reason in `routing.yaml`.
    public var reasonID: String

    /// A pause.
    public init(kind: ObligationKind, duration: Duration, reason: DeadlineReason, reasonID: String) {
        self.kind = kind
        self.duration = duration
        self.reason = reason
        self.reasonID = reasonID
    }
}
