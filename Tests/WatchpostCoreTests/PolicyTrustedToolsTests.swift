import Testing

@testable import WatchpostCore

/// `trusted_tools` names the tools whose summaries alerts may quote; anything else is a problem
/// at its line.
@Suite struct PolicyTrustedToolsTests {
    static let base = PolicyLoaderTests.valid + "\ntrusted_tools: [fb-crawler]\n"

    @Test func trustedToolsAreReadAndDefaultToNone() throws {
        #expect(try Policy.load(yaml: PolicyLoaderTests.valid, file: "routing.yaml").trustedTools.isEmpty)
        let policy = try Policy.load(
            yaml: PolicyLoaderTests.valid + "\ntrusted_tools:\n  - fb-crawler\n  - tiktok_watch.v2\n",
            file: "routing.yaml"
        )
        #expect(policy.trustedTools == ["fb-crawler", "tiktok_watch.v2"])
    }

    static let broken: [BrokenConfig] = [
        BrokenConfig(
            name: "trusted_tools as a mapping",
            replacing: "trusted_tools: [fb-crawler]",
            with: "trusted_tools:\n  fb-crawler: yes #!",
            expectedMessage: "`trusted_tools` must be a list"
        ),
        BrokenConfig(
            name: "a trusted tool written as a mapping",
            replacing: "trusted_tools: [fb-crawler]",
            with: "trusted_tools:\n  - name: fb-crawler #!",
            expectedMessage: "each entry of `trusted_tools` must be a tool name"
        ),
        BrokenConfig(
            name: "a trusted tool name with a space",
            replacing: "trusted_tools: [fb-crawler]",
            with: "trusted_tools:\n  - fb crawler #!",
            expectedMessage: "`fb crawler` is not a tool name"
        ),
        BrokenConfig(
            name: "a trusted tool listed twice",
            replacing: "trusted_tools: [fb-crawler]",
            with: "trusted_tools:\n  - fb-crawler\n  - fb-crawler #!",
            expectedMessage: "tool `fb-crawler` is listed twice in `trusted_tools`"
        ),
    ]

    @Test(arguments: broken)
    func reportsEachProblemWithFileAndLine(_ broken: BrokenConfig) {
        broken.check(base: Self.base, file: "Config/routing.yaml") { yaml, file throws(ConfigError) in
            _ = try Policy.load(yaml: yaml, file: file)
        }
    }
}
