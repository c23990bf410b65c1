extension PlatformLinks {
    /// Instagram: `instagram:media:<shortcode>` from `/p/`, `/reel/`, `/reels/` and `/tv/`, with or
    /// without the account in front (`/USER/p/CODE`).
    ///
    /// One shortcode names one post, reel or video, whichever path shows it, so the kinds share a
    /// key. Shortcodes are case-sensitive and kept as written. `img_index` picks a slide of the
    /// same post and is dropped. A comment's link (`/p/CODE/c/ID`) has another shape and keeps
    /// its URL form.
    static let instagram = PlatformLinks(
        platform: .instagram,
        hosts: Dictionary(
            uniqueKeysWithValues: ["instagram.com", "www.instagram.com", "m.instagram.com", "instagr.am"].map {
                ($0, "www.instagram.com")
            }
        ),
        trackingParameters: ["hl", "igsh", "igshid", "img_index"],
        identities: [
            ContentIdentity("/p/{id}", kind: "media", id: .shortcode),
            ContentIdentity("/reel/{id}", kind: "media", id: .shortcode),
            ContentIdentity("/reels/{id}", kind: "media", id: .shortcode),
            ContentIdentity("/tv/{id}", kind: "media", id: .shortcode),
            ContentIdentity("/*/p/{id}", kind: "media", id: .shortcode),
            ContentIdentity("/*/reel/{id}", kind: "media", id: .shortcode),
        ]
    )
}
