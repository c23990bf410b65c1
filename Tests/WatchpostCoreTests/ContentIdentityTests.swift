import Testing

@testable import WatchpostCore

private let video = "tiktok:video:7301234567890123456"
private let youTube = "youtube:video:dQw4w9WgXcQ"
private let post = "facebook:post:1234567890123456"
private let fbVideo = "facebook:video:555666777888999"
private let photo = "facebook:photo:111222333444555"
private let media = "instagram:media:C1aBcD2eFgH"

/// Default dedup keys over real link shapes: the platform's own id where the link carries it,
/// the normalised URL otherwise.
@Suite struct ContentIdentityTests {
    @Test(arguments: [
        // TikTok
        ("https://www.tiktok.com/@truonghoc.vn/video/7301234567890123456", video),
        ("HTTPS://WWW.TIKTOK.COM/@truonghoc.vn/video/7301234567890123456/?utm_source=copy&is_from_webapp=1#c", video),
        (
            "https://www.tiktok.com/@truonghoc.vn/video/7301234567890123456?is_from_webapp=1&sender_device=pc&web_id=7301111111111111111",
            video
        ),
        ("https://m.tiktok.com/@someone.else/video/7301234567890123456", video),
        (
            "https://m.tiktok.com/v/7301234567890123456.html?_d=secCgYIASAHKAE&checksum=ab12&language=vi&preview_pb=0&sec_user_id=MS4wLjAB&share_app_id=1233&share_item_id=7301234567890123456&share_link_id=1a2b&source=h5_m&timestamp=1700000000&u_code=d8k&user_id=6800000000000000000&utm_campaign=client_share&utm_medium=android&utm_source=copy&_r=1&_t=8abc",
            video
        ),
        ("https://m.tiktok.com/v/7301234567890123456", video),
        ("https://www.tiktok.com/@truonghoc.vn/photo/7301234567890123456?lang=vi-VN", video),
        ("https://tiktok.com/embed/v2/7301234567890123456", video),
        ("https://vm.tiktok.com/ZMabcd123/", "https://vm.tiktok.com/ZMabcd123"),
        ("http://VT.tiktok.com/ZSabc12/?utm_source=copy", "https://vt.tiktok.com/ZSabc12"),
        ("https://www.tiktok.com/t/ZTRabc12/", "https://www.tiktok.com/t/ZTRabc12"),
        (
            "https://m.tiktok.com/@truonghoc.vn?lang=vi-VN&is_from_webapp=1&sender_device=mobile",
            "https://www.tiktok.com/@truonghoc.vn"
        ),
        ("https://www.tiktok.com/@truonghoc.vn/video/abc", "https://www.tiktok.com/@truonghoc.vn/video/abc"),
        // YouTube
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", youTube),
        ("https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42s", youTube),
        ("https://youtu.be/dQw4w9WgXcQ?si=AbC123xyz&t=10", youTube),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ?feature=share", youTube),
        ("https://music.youtube.com/watch?v=dQw4w9WgXcQ&list=RDAMVMdQw4w9WgXcQ", youTube),
        ("https://youtube.com/live/dQw4w9WgXcQ?si=x", youTube),
        ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=30", youTube),
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgzAbC",
            "https://www.youtube.com/watch?lc=UgzAbC&v=dQw4w9WgXcQ"
        ),
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&v=aaaaaaaaaaa",
            "https://www.youtube.com/watch?v=aaaaaaaaaaa&v=dQw4w9WgXcQ"
        ),
        ("https://m.youtube.com/playlist?list=PLabc123&si=x", "https://www.youtube.com/playlist?list=PLabc123"),
        ("https://www.youtube.com/@truonghoc?si=x&feature=shared", "https://www.youtube.com/@truonghoc"),
        // Facebook posts
        ("https://www.facebook.com/permalink.php?story_fbid=1234567890123456&id=100012345678901", post),
        ("https://m.facebook.com/story.php?story_fbid=1234567890123456&id=100012345678901&mibextid=Nif5oz", post),
        ("https://mbasic.facebook.com/story.php?id=100012345678901&story_fbid=1234567890123456&refid=17", post),
        ("https://www.facebook.com/truong.thcs.binhson/posts/1234567890123456?__cft__[0]=AZW&__tn__=%2CO%2CP-R", post),
        ("https://fb.com/100012345678901/posts/1234567890123456/", post),
        (
            "https://web.facebook.com/truong.thcs.binhson/posts/pfbid02abcDEF123xyz?rdid=AbC&share_url=https%3A%2F%2Fwww.facebook.com%2Fshare%2Fp%2F1",
            "facebook:post:pfbid02abcDEF123xyz"
        ),
        ("https://www.facebook.com/groups/123456789/posts/987654321012345/", "facebook:post:987654321012345"),
        (
            "https://m.facebook.com/groups/phuhuynh.binhson/permalink/987654321012345/?sfnsn=mo",
            "facebook:post:987654321012345"
        ),
        (
            "https://www.facebook.com/groups/123456789/?multi_permalinks=987654321012345&hoisted_section_header_type=recently_seen",
            "facebook:post:987654321012345"
        ),
        // Facebook videos and photos
        ("https://www.facebook.com/watch/?v=555666777888999&ref=sharing", fbVideo),
        ("https://fb.com/truong.thcs.binhson/videos/555666777888999/", fbVideo),
        ("https://www.facebook.com/truong.thcs.binhson/videos/vb.100012345678901/555666777888999/?type=3", fbVideo),
        ("https://www.facebook.com/reel/555666777888999?mibextid=rS40aB7S9Ucbxw6v", fbVideo),
        ("https://www.facebook.com/photo.php?fbid=111222333444555&set=a.666&type=3", photo),
        ("https://www.facebook.com/photo/?fbid=111222333444555&set=pcb.1234567890123456", photo),
        ("https://touch.facebook.com/truong.thcs.binhson/photos/a.666/111222333444555/", photo),
        // Facebook links that keep their URL form
        ("https://fb.watch/oAbC12dEf/?mibextid=Nif5oz", "https://fb.watch/oAbC12dEf"),
        ("https://m.facebook.com/share/p/1AbCdEfGh/?mibextid=WC7FNe", "https://www.facebook.com/share/p/1AbCdEfGh"),
        (
            "https://www.facebook.com/truong.thcs.binhson/posts/1234567890123456?comment_id=777&__cft__[0]=x",
            "https://www.facebook.com/truong.thcs.binhson/posts/1234567890123456?comment_id=777"
        ),
        (
            "https://m.facebook.com/profile.php?id=100012345678901&mibextid=ZbWKwL",
            "https://www.facebook.com/profile.php?id=100012345678901"
        ),
        // Instagram
        ("https://www.instagram.com/p/C1aBcD2eFgH/?igsh=MWQ1ZGUxMzBkMA==", media),
        ("https://instagram.com/reel/C1aBcD2eFgH/?utm_source=ig_web_copy_link", media),
        ("https://www.instagram.com/truonghoc/p/C1aBcD2eFgH/?img_index=2", media),
        ("https://www.instagram.com/tv/C1aBcD2eFgH", media),
        ("https://www.instagram.com/p/c1abcd2efgh/", "instagram:media:c1abcd2efgh"),
        (
            "https://www.instagram.com/p/C1aBcD2eFgH/c/18000000000000000/",
            "https://www.instagram.com/p/C1aBcD2eFgH/c/18000000000000000"
        ),
        ("https://m.instagram.com/truonghoc/?hl=vi", "https://www.instagram.com/truonghoc"),
        // Zalo and other hosts
        ("http://zalo.me/g/abcdef123/?zarsrc=30", "https://zalo.me/g/abcdef123"),
        (
            "https://vnexpress.net/bai-viet-4700000.html?zarsrc=30&utm_source=zalo&utm_medium=zalo&utm_campaign=zalo&gidzl=AbC",
            "https://vnexpress.net/bai-viet-4700000.html"
        ),
        ("https://example.com/watch?v=dQw4w9WgXcQ", "https://example.com/watch?v=dQw4w9WgXcQ"),
        ("https://example.com/@user/video/7301234567890123456", "https://example.com/@user/video/7301234567890123456"),
        ("http://Example.com/?is_from_webapp=1&mibextid=x", "http://example.com?is_from_webapp=1&mibextid=x"),
        ("not a url", "not a url"),
    ])
    func defaultKeyIsThePlatformIdentityOrTheNormalisedLink(url: String, expected: String) {
        #expect(DedupKey.defaultKey(forFirstURL: url) == expected)
    }

    @Test(arguments: [
        [
            "https://www.tiktok.com/@truonghoc.vn/video/7301234567890123456",
            "HTTPS://WWW.TIKTOK.COM/@truonghoc.vn/video/7301234567890123456/?utm_source=copy&is_from_webapp=1#comments",
        ],
        [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ?si=AbC123xyz",
            "https://www.youtube.com/shorts/dQw4w9WgXcQ",
        ],
        [
            "https://www.facebook.com/permalink.php?story_fbid=1234567890123456&id=100012345678901",
            "https://m.facebook.com/story.php?id=100012345678901&story_fbid=1234567890123456",
            "https://www.facebook.com/truong.thcs.binhson/posts/1234567890123456",
        ],
        [
            "https://www.facebook.com/groups/123456789/posts/987654321012345/",
            "https://www.facebook.com/groups/123456789/permalink/987654321012345/",
        ],
        [
            "https://www.facebook.com/watch/?v=555666777888999",
            "https://www.facebook.com/truong.thcs.binhson/videos/555666777888999/",
            "https://www.facebook.com/reel/555666777888999",
        ],
    ])
    func linksToOneContentShareOneKey(urls: [String]) {
        let keys = Set(urls.map(DedupKey.defaultKey(forFirstURL:)))
        #expect(keys.count == 1, "\(keys)")
    }

    @Test(arguments: [
        (
            "https://www.tiktok.com/@truonghoc.vn/video/7301234567890123456",
            "https://www.tiktok.com/@truonghoc.vn/video/7301234567890123457"
        ),
        (
            "https://www.facebook.com/permalink.php?story_fbid=1234567890123456&id=100012345678901",
            "https://www.facebook.com/permalink.php?story_fbid=1234567890123457&id=100012345678901"
        ),
        (
            "https://www.facebook.com/truong.thcs.binhson/posts/1234567890123456",
            "https://www.facebook.com/truong.thcs.binhson/posts/pfbid02abcDEF123xyz"
        ),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://example.com/watch?v=dQw4w9WgXcQ"),
        ("https://www.youtube.com/watch?v=12345678901", "https://www.facebook.com/watch/?v=12345678901"),
        (
            "https://www.facebook.com/truong.thcs.binhson/posts/555666777888999",
            "https://www.facebook.com/reel/555666777888999"
        ),
        ("https://www.instagram.com/p/C1aBcD2eFgH/", "https://www.instagram.com/p/c1abcd2efgh/"),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgzAbC"),
        ("https://vm.tiktok.com/ZMabcd123/", "https://www.tiktok.com/@truonghoc.vn/video/7301234567890123456"),
    ])
    func linksToDifferentContentKeepDifferentKeys(first: String, second: String) {
        #expect(DedupKey.defaultKey(forFirstURL: first) != DedupKey.defaultKey(forFirstURL: second))
    }

    @Test(arguments: PlatformLinks.all.map(\.platform))
    func eachPlatformDropsItsOwnTrackingParametersAndOnlyOnItsHosts(platform: Platform) throws {
        let links = try #require(PlatformLinks.all.first { $0.platform == platform })
        for host in links.hosts.keys {
            for entry in links.trackingParameters.entries {
                let name = entry.hasSuffix("*") ? entry.dropLast() + "x" : Substring(entry)
                let key = DedupKey.normalise(url: "https://\(host)/about/page?keep=1&\(name)=x")
                #expect(key == "https://\(links.hosts[host] ?? host)/about/page?keep=1", "\(name) on \(host)")
                guard !DedupKey.trackingParameters.contains(name) else { continue }
                let elsewhere = DedupKey.normalise(url: "https://example.com/about/page?keep=1&\(name)=x")
                #expect(elsewhere == "https://example.com/about/page?\(name)=x&keep=1".sortedQuery, "\(name)")
            }
        }
    }

    @Test func noTrackingListDropsAParameterThatNamesContent() {
        let naming = ["v", "id", "fbid", "story_fbid", "multi_permalinks", "list", "set", "u", "p"]
        for links in PlatformLinks.all {
            let patternNames = links.identities.compactMap(\.pattern.queryName)
            for name in naming + patternNames {
                #expect(!links.trackingParameters.contains(name), "\(links.platform): \(name)")
                #expect(!DedupKey.trackingParameters.contains(name), "generic: \(name)")
            }
        }
    }

    @Test func aProducersOwnKeyStillWinsOverTheContentIdentity() throws {
        var data = EventSamples.reportedData
        data["dedup_key"] = "vu-viec-17"
        let event = try #require(EventSamples.decode(EventSamples.envelope(data: data)).value)
        guard case let .reported(report) = event.payload else {
            Issue.record("not a report")
            return
        }
        #expect(report.dedupKey == "vu-viec-17")
    }
}

extension String {
    /// The link with its query items sorted, as `DedupKey.normalise` writes them.
    fileprivate var sortedQuery: String {
        guard let mark = firstIndex(of: "?") else { return self }
        let items = self[index(after: mark)...].split(separator: "&").sorted().joined(separator: "&")
        return String(self[...mark]) + items
    }
}
