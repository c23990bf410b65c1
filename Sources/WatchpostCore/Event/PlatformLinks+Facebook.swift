extension PlatformLinks {
    /// Facebook: `facebook:post:<id>`, `facebook:video:<id>`, `facebook:photo:<id>`.
    ///
    /// A Facebook id names one object whoever's page, profile or group shows it, so the owner in
    /// the link (`id=`, `/USER/`, `/groups/G/`) is not part of the key: `story.php` and
    /// `permalink.php?story_fbid=ID`, `/USER/posts/ID` and a group's `/posts/ID`, `/permalink/ID`
    /// and `?multi_permalinks=ID` all name post ID. An opaque `pfbid…` id is kept as written; it
    /// does not merge with the numeric id of the same post, which cannot be derived offline.
    /// Posts, videos and photos are kept apart: a post showing a video has two ids, and two links
    /// that differ in kind stay two keys rather than risk merging two different things.
    /// `/watch?v=`, `/videos/` and `/reel/` carry the same video id.
    ///
    /// `fb.watch/XXXX`, `fb.me/XXXX` and `/share/p/XXXX` (no rule reads it) are short links.
    /// A link to one comment (`comment_id`, `reply_comment_id`) or one part of a grouped story
    /// (`substory_index`) keeps its URL form.
    static let facebook = PlatformLinks(
        platform: .facebook,
        hosts: Dictionary(
            uniqueKeysWithValues: [
                "facebook.com", "www.facebook.com", "m.facebook.com", "mbasic.facebook.com", "web.facebook.com",
                "touch.facebook.com", "mobile.facebook.com", "fb.com", "www.fb.com",
            ].map { ($0, "www.facebook.com") }
        ),
        shortLinkHosts: ["fb.watch", "fb.me"],
        // `id`, `v`, `fbid`, `story_fbid`, `set` and `type` are not here: they say which content.
        trackingParameters: [
            "__cft__*", "__eep__*", "__tn__*", "__xts__*", "_ft_", "_rdc", "_rdr", "acontext", "app", "eav",
            "extid", "fref", "hc_location", "hc_ref", "hoisted_section_header_type", "mibextid", "notif_id",
            "notif_t", "paipv", "rdid", "ref", "refid", "refsrc", "sfnsn", "share_url",
        ],
        pointsInside: ["comment_id", "reply_comment_id", "substory_index"],
        identities: [
            ContentIdentity("/story.php?story_fbid={id}", kind: "post", id: .facebookPost),
            ContentIdentity("/permalink.php?story_fbid={id}", kind: "post", id: .facebookPost),
            ContentIdentity("/*/posts/{id}", kind: "post", id: .facebookPost),
            ContentIdentity("/groups/*/posts/{id}", kind: "post", id: .facebookPost),
            ContentIdentity("/groups/*/permalink/{id}", kind: "post", id: .facebookPost),
            ContentIdentity("/groups/*?multi_permalinks={id}", kind: "post", id: .digits),
            ContentIdentity("/watch?v={id}", kind: "video", id: .digits),
            ContentIdentity("/watch/live?v={id}", kind: "video", id: .digits),
            ContentIdentity("/video.php?v={id}", kind: "video", id: .digits),
            ContentIdentity("/*/videos/{id}", kind: "video", id: .digits),
            ContentIdentity("/*/videos/*/{id}", kind: "video", id: .digits),
            ContentIdentity("/reel/{id}", kind: "video", id: .digits),
            ContentIdentity("/photo.php?fbid={id}", kind: "photo", id: .digits),
            ContentIdentity("/photo?fbid={id}", kind: "photo", id: .digits),
            ContentIdentity("/*/photos/*/{id}", kind: "photo", id: .digits),
        ]
    )
}
