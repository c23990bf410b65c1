/// One link shape that names a piece of content by the platform's own id, and the key it gives:
/// `<platform>:<kind>:<id>`, e.g. `tiktok:video:7301234567890123456`.
struct ContentIdentity: Sendable {
    /// What the id names on its platform (`video`, `post`, `photo`, `media`): links of one kind
    /// with the same id name the same content.
    var kind: String
    /// The link shape that carries the id.
    var pattern: LinkPattern
    /// What a well-formed id looks like; any other text in the id's place matches nothing.
    var shape: ContentIDShape
    /// The only hosts this shape is read on (`youtu.be/{id}`), or nil for all of the platform's hosts.
    var hosts: Set<String>?

    init(_ pattern: String, kind: String, id shape: ContentIDShape, onlyOn hosts: Set<String>? = nil) {
        self.kind = kind
        self.pattern = LinkPattern(pattern)
        self.shape = shape
        self.hosts = hosts
    }
}

/// The form of a platform's content id.
enum ContentIDShape: Sendable {
    /// ASCII digits (TikTok item ids, Facebook ids), 1 to 32 of them.
    case digits
    /// Exactly 11 of `A-Z a-z 0-9 - _` (a YouTube video id).
    case youTubeVideo
    /// Digits, or `pfbid` followed by letters and digits (Facebook's opaque post ids).
    case facebookPost
    /// 1 to 64 of `A-Z a-z 0-9 - _` (an Instagram shortcode).
    case shortcode

    /// Whether `id` has this form.
    func accepts(_ id: Substring) -> Bool {
        switch self {
        case .digits:
            return (1...32).contains(id.count) && id.allSatisfy(\.isASCIIDigit)
        case .youTubeVideo:
            return id.count == 11 && id.allSatisfy(\.isURLSafeBase64)
        case .facebookPost:
            if id.hasPrefix("pfbid") {
                let rest = id.dropFirst(5)
                return (1...200).contains(rest.count) && rest.allSatisfy { $0.isASCIIDigit || $0.isASCIILetter }
            }
            return Self.digits.accepts(id)
        case .shortcode:
            return (1...64).contains(id.count) && id.allSatisfy(\.isURLSafeBase64)
        }
    }
}

extension PlatformLinks {
    /// The platform's own key for the content `url` names, or nil when the link does not carry
    /// the id in a known shape, names something inside the content (`pointsInside`), or is a
    /// short link. `url.host` must be lowercased.
    func contentKey(of url: WebURL) -> String? {
        guard !shortLinkHosts.contains(url.host) else { return nil }
        let query = QueryItem.items(of: url.query)
        guard !query.contains(where: { pointsInside.contains($0.name) }) else { return nil }
        let segments = url.path.split(separator: "/")
        for identity in identities where identity.hosts?.contains(url.host) ?? true {
            if let id = identity.pattern.id(segments: segments, query: query), identity.shape.accepts(id) {
                return "\(platform.rawValue):\(identity.kind):\(id)"
            }
        }
        return nil
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
    fileprivate var isASCIILetter: Bool { isASCII && isLetter }
    fileprivate var isURLSafeBase64: Bool { isASCIIDigit || isASCIILetter || self == "-" || self == "_" }
}
