extension PlatformLinks {
    /// YouTube: `youtube:video:<11-character id>` from `watch?v=`, `youtu.be/`, `/shorts/`,
    /// `/live/`, `/embed/` and the old `/v/`, on every YouTube host (`music.` plays the same videos).
    ///
    /// A start time (`t`, `start`) or a playlist around the video (`list`, `index`) does not make
    /// it other content. `youtu.be` is not a short link in the dedup sense: its path is the id.
    /// A link to one comment (`lc`) keeps its URL form.
    static let youTube = PlatformLinks(
        platform: .youtube,
        hosts: [
            "youtube.com": "www.youtube.com", "www.youtube.com": "www.youtube.com", "m.youtube.com": "www.youtube.com",
            "music.youtube.com": "music.youtube.com", "youtube-nocookie.com": "www.youtube-nocookie.com",
            "www.youtube-nocookie.com": "www.youtube-nocookie.com", "youtu.be": "youtu.be",
        ],
        // `list` and `index` are not here: on `/playlist` the list is the content.
        trackingParameters: [
            "ab_channel", "app", "embeds_referring_euri", "embeds_referring_origin", "feature", "pp", "si",
            "source_ve_path", "start", "t",
        ],
        pointsInside: ["lc"],
        identities: [
            ContentIdentity("/watch?v={id}", kind: "video", id: .youTubeVideo),
            ContentIdentity("/{id}", kind: "video", id: .youTubeVideo, onlyOn: ["youtu.be"]),
            ContentIdentity("/shorts/{id}", kind: "video", id: .youTubeVideo),
            ContentIdentity("/live/{id}", kind: "video", id: .youTubeVideo),
            ContentIdentity("/embed/{id}", kind: "video", id: .youTubeVideo),
            ContentIdentity("/v/{id}", kind: "video", id: .youTubeVideo),
        ]
    )
}
