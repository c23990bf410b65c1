import Foundation
import Testing
import WatchpostCore

@Suite struct EventIdentityTests {
    @Test func uuidV5MatchesTheRFCTestVector() {
        #expect(
            UUID.v5(namespace: .dnsNamespace, name: "www.example.com").canonicalString
                == "2ed6657d-e927-568b-95e1-2665a8aea6a2"
        )
    }

    @Test func canonicalStringIsTheLowercaseUUIDStringAndParsesBack() {
        let edges =
            [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))]
            + [UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255))]
        for uuid in edges + (0..<2_000).map({ _ in UUID() }) {
            #expect(uuid.canonicalString == uuid.uuidString.lowercased())
            #expect(UUID(strictString: uuid.canonicalString) == uuid)
        }
    }

    @Test func watchpostNamespaceIsDerivedAsDocumented() {
        #expect(UUID.watchpost == UUID.v5(namespace: .dnsNamespace, name: "watchpost.events"))
    }

    @Test func uuidV5IsDeterministicAndNameSensitive() {
        let obligation = UUID()
        let first = UUID.v5(namespace: .watchpost, name: "escalation:\(obligation):1")
        #expect(first == UUID.v5(namespace: .watchpost, name: "escalation:\(obligation):1"))
        #expect(first != UUID.v5(namespace: .watchpost, name: "escalation:\(obligation):2"))
        #expect(first.canonicalString.dropFirst(14).first == "5")
    }

    @Test(arguments: [
        (
            "HTTPS://WWW.Facebook.com/groups/1/?utm_source=x&b=2&a=1&fbclid=abc#comments",
            "https://www.facebook.com/groups/1?a=1&b=2"
        ),
        (
            "https://www.tiktok.com/@user/video/7?is_from_webapp=1&si=share",
            "https://www.tiktok.com/@user/video/7"
        ),
        ("https://www.instagram.com/p/Cx/?igshid=xyz", "https://www.instagram.com/p/Cx"),
        ("https://m.facebook.com/story.php?id=2&story_fbid=1", "https://www.facebook.com/story.php?id=2&story_fbid=1"),
        ("https://example.com:443/a//", "https://example.com/a"),
        ("http://example.com:80/", "http://example.com"),
        ("https://example.com:8443/?&&", "https://example.com:8443"),
        ("https://example.com/Path/Case?UTM_MEDIUM=1&Keep=Yes", "https://example.com/Path/Case?Keep=Yes"),
        ("  https://zalo.me/g/abc  ", "https://zalo.me/g/abc"),
        ("not a url", "not a url"),
    ])
    func dedupKeyNormalisesLinksToTheSameContent(url: String, expected: String) {
        #expect(DedupKey.normalise(url: url) == expected)
    }

    @Test func longLinksGetAHashedDefaultKey() {
        let url = "https://example.com/" + String(repeating: "p", count: 600)
        let key = DedupKey.defaultKey(forFirstURL: url)
        #expect(key.hasPrefix("sha256:"))
        #expect(key.count == 7 + 64)
        #expect(key == DedupKey.defaultKey(forFirstURL: url + "#frag"))
    }

    @Test func reportsOfOneLinkShareTheDefaultKey() throws {
        var data = EventSamples.reportedData
        data["urls"] = ["https://www.tiktok.com/@user/video/7?utm_campaign=share"]
        let a = try #require(EventSamples.decode(EventSamples.envelope(data: data)).value)
        data["urls"] = ["https://WWW.TIKTOK.COM/@user/video/7/"]
        let b = try #require(EventSamples.decode(EventSamples.envelope(data: data)).value)
        guard case let .reported(first) = a.payload, case let .reported(second) = b.payload else {
            Issue.record("not reports")
            return
        }
        #expect(first.dedupKey == "tiktok:video:7")
        #expect(first.dedupKey == second.dedupKey)
    }
}
