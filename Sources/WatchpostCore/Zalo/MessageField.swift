/// A named fact of one message that channels sending provider-approved templates (Zalo ZNS)
/// fill their parameters from. The alert renderer writes each in the recipient's language with
/// the same words as the message body; `Config/zns.yaml` names them in `from:`.
public enum MessageField: String, CaseIterable, Sendable, Hashable, Codable {
    /// The school's name, e.g. "Trường THCS Bình Sơn".
    case school
    /// The incident's category, e.g. "Bạo lực học đường".
    case category
    /// The incident's severity word, e.g. "cao".
    case severity
    /// The obligation the message is about, or the recipient's first open one.
    case obligation
    /// That obligation's deadline in Vietnam time, or the missed deadline for escalations.
    case deadline
    /// The recipient's post, as the greeting addresses them.
    case recipientTitle = "recipient_title"
    /// The personal signed acknowledge link; empty once the incident is resolved.
    case acknowledgeURL = "acknowledge_url"
    /// The short incident reference: the first eight characters of its id.
    case incidentRef = "incident_ref"
    /// The message's subject line.
    case subject

    /// Whether the value is a link: links are never shortened, since a cut link opens nothing.
    public var isLink: Bool { self == .acknowledgeURL }
}
