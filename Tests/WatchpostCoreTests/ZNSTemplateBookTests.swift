import Foundation
import Testing

@testable import WatchpostCore

@Suite struct ZNSTemplateBookTests {
    @Test func shippedBookLoadsWithoutProblems() throws {
        let url = Fixture.directoryURL.deletingLastPathComponent().appendingPathComponent("zns.yaml")
        let book = try ZNSTemplateBook.load(contentsOf: url)
        let template = try #require(book.templates["incident.new"])
        #expect(template.parameters.first?.field == .recipientTitle)
        #expect(template.parameters.contains { $0.field == .acknowledgeURL })
    }

    static let base = """
        version: 1
        templates:
          incident.new:
            template_id: "100001"
            params:
              truong: { from: school, max_length: 100 }
        """

    static let broken: [BrokenConfig] = [
        BrokenConfig(
            name: "unknown alert template",
            replacing: "  incident.new:",
            with: "  incident.nope: #!",
            expectedMessage: "unknown alert template `incident.nope`"
        ),
        BrokenConfig(
            name: "unknown field",
            replacing: "from: school",
            with: "from: principal } #!\n      x: { from: school",
            expectedMessage: "`from` of parameter `truong` of template `incident.new`: `principal` is not one of",
            markedLine: "principal"
        ),
        BrokenConfig(
            name: "length beyond Zalo's message",
            replacing: "max_length: 100",
            with: "max_length: 401 } #!\n      y: { from: school, max_length: 1",
            expectedMessage: "`max_length` of parameter `truong` of template `incident.new` must be a whole number",
            markedLine: "401"
        ),
        BrokenConfig(
            name: "missing template id",
            replacing: "    template_id: \"100001\"\n",
            with: "",
            expectedMessage: "template `incident.new` is missing `template_id`",
            markedLine: "params:"
        ),
    ]

    @Test(arguments: broken)
    func brokenBookNamesTheField(_ broken: BrokenConfig) {
        broken.check(base: Self.base, file: "zns.yaml") { yaml, file throws(ConfigError) in
            _ = try ZNSTemplateBook.load(yaml: yaml, file: file)
        }
    }
}
