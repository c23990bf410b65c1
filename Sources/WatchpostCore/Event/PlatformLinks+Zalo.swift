extension PlatformLinks {
    /// Zalo: no content key. Its public links name a group by an invite code that its admins can
    /// reset (`zalo.me/g/CODE`), a person by phone number, or an official account, never one
    /// message or post, so they keep their normalised URL (always `https`).
    ///
    /// `zarsrc` and `gidzl`, which Zalo's in-app browser appends to every link it opens, are
    /// generic tracking parameters (`DedupKey`), dropped on every host.
    static let zalo = PlatformLinks(
        platform: .zalo,
        hosts: ["zalo.me": "zalo.me"],
        trackingParameters: [],
        identities: []
    )
}
