/// Decides whether an event proves its sender (decision D18). The worker asks it about every
/// decoded event; a refusal is recorded with stage `auth` and dead-lettered.
///
/// - An event whose `source.kind` is `officer` or `system` must carry a valid signature whose
///   signer is exactly its `source`.
/// - A `tool` event may be unsigned only if it is an `incident.reported` and
///   `acceptsUnsignedToolReports` is on (the default): crawlers and `kcat` report, nothing else.
/// - Any signature that is present must be valid and name the event's own `source`, whatever
///   the kind: a broken signature is never ignored.
/// - A replay mark (`ReplayMark`) must be well-formed; on a signed event the signature covers it.
public struct EventAuthenticator: Sendable {
    /// The keys that verify.
    public var keyring: EventKeyring
    /// Whether an unsigned `incident.reported` from a `tool` is accepted. Default: true.
    public var acceptsUnsignedToolReports: Bool

    /// Creates an authenticator.
    public init(keyring: EventKeyring, acceptsUnsignedToolReports: Bool = true) {
        self.keyring = keyring
        self.acceptsUnsignedToolReports = acceptsUnsignedToolReports
    }

    /// Nil when `event` (decoded from `value`, with those headers) may be applied; else why not,
    /// in one line.
    public func refusal(
        of event: Event,
        value: some Collection<UInt8>,
        signatureHeader: [UInt8]?,
        replayHeader: [UInt8]? = nil
    ) -> String? {
        let claimed = "\(event.source.kind.rawValue):\(event.source.id)"
        let replayOf = replayHeader.flatMap(ReplayMark.rejectionID)
        if replayHeader != nil, replayOf == nil {
            return "the \(ReplayMark.header) header is malformed: it must be the id of a rejected_events row"
        }
        guard let header = signatureHeader else {
            switch event.source.kind {
            case .officer, .system:
                return
                    "source `\(claimed)` is not signed: an event from an officer or the system needs a valid \(EventSignature.header) header"
            case .tool:
                guard event.type == .incidentReported else {
                    return "an unsigned tool may only send incident.reported, not \(event.type.rawValue)"
                }
                guard acceptsUnsignedToolReports else {
                    return "unsigned tool reports are not accepted here (WATCHPOST_ACCEPT_UNSIGNED_TOOL_REPORTS=false)"
                }
                return nil
            }
        }
        guard let signature = EventSignature(headerValue: header) else {
            return "the \(EventSignature.header) header is malformed"
        }
        if let problem = signature.problem(for: value, replayOf: replayOf, keyring: keyring) { return problem }
        guard signature.signer == event.source else {
            return
                "signed for `\(signature.signer.kind.rawValue):\(signature.signer.id)`, but the source is `\(claimed)`"
        }
        return nil
    }
}
