extension PlatformLinks {
    /// TikTok: `tiktok:video:<item id>`.
    ///
    /// Videos and photo posts share one id space (`/@user/photo/ID` and `/@user/video/ID` with the
    /// same id open the same post), and the handle in the path does not matter: TikTok opens the
    /// item whatever handle is written. `vm.tiktok.com/XXXX` and `vt.tiktok.com/XXXX` are short
    /// links, as is `www.tiktok.com/t/XXXX` (no rule reads it).
    static let tikTok = PlatformLinks(
        platform: .tiktok,
        hosts: ["tiktok.com": "www.tiktok.com", "www.tiktok.com": "www.tiktok.com", "m.tiktok.com": "www.tiktok.com"],
        shortLinkHosts: ["vm.tiktok.com", "vt.tiktok.com"],
        // What the app's "copy link" and the web player append: the sharer, their device, the
        // share channel, the language of the page and a checksum of all that.
        trackingParameters: [
            "_d", "_r", "_t", "checksum", "enter_from", "is_copy_url", "is_from_webapp", "lang", "language",
            "preview_pb", "sec_user_id", "sender_device", "sender_web_id", "share_app_id", "share_author_id",
            "share_item_id", "share_link_id", "social_sharing", "source", "timestamp", "tt_from", "u_code",
            "user_id", "web_id",
        ],
        identities: [
            ContentIdentity("/@*/video/{id}", kind: "video", id: .digits),
            ContentIdentity("/@*/photo/{id}", kind: "video", id: .digits),
            ContentIdentity("/v/{id}.html", kind: "video", id: .digits),
            ContentIdentity("/v/{id}", kind: "video", id: .digits),
            ContentIdentity("/embed/v2/{id}", kind: "video", id: .digits),
            ContentIdentity("/embed/{id}", kind: "video", id: .digits),
        ]
    )
}
