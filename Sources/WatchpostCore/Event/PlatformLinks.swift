/// How one platform's links are read for deduplication: which hosts serve it, which of them are
/// short links, which query parameters only say who shared the link and how, and which link
/// shapes carry the platform's own id of the content.
///
/// One table per platform (`PlatformLinks+TikTok.swift` and its siblings); `DedupKey` is the only
/// caller. docs/events.md (Deduplication) lists the same rules for producers.
struct PlatformLinks: Sendable {
    /// The platform whose name starts the content keys.
    var platform: Platform
    /// Lowercase hosts that serve the same pages, each with the host the normalised URL uses
    /// (`m.tiktok.com` → `www.tiktok.com`).
    var hosts: [String: String]
    /// Hosts of short links (`vm.tiktok.com/ZMabc/`): a redirect to content that cannot be
    /// followed offline. Their links keep their normalised URL and their host.
    var shortLinkHosts: Set<String> = []
    /// Query parameters that say who shared the link, from where or how, never which content;
    /// dropped from the normalised URL on this platform's hosts.
    var trackingParameters: ParameterList
    /// Query parameters that point at something inside the content (a comment): a link with one
    /// of them names that, not the post, so it keeps its normalised URL.
    var pointsInside: ParameterList = []
    /// The link shapes that carry the content's id, tried in order.
    var identities: [ContentIdentity]

    /// Every platform table.
    static let all: [PlatformLinks] = [.tikTok, .youTube, .facebook, .instagram, .zalo]

    private static let byHost: [String: PlatformLinks] = {
        var byHost: [String: PlatformLinks] = [:]
        for links in all {
            for host in Array(links.hosts.keys) + Array(links.shortLinkHosts) {
                let previous = byHost.updateValue(links, forKey: host)
                precondition(previous == nil, "\(host) is in two platform tables")
            }
        }
        return byHost
    }()

    /// The table of the platform that serves `host` (lowercase), if any.
    static func serving(host: String) -> PlatformLinks? { byHost[host] }
}
