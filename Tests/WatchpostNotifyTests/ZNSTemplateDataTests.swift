import Foundation
import Testing
import WatchpostCore
import WatchpostNotify

struct ZNSTemplateDataTests {
    func template(_ parameters: [ZNSTemplateBook.Parameter], text: Int = 0) -> ZNSTemplateBook.Template {
        ZNSTemplateBook.Template(templateID: "1", parameters: parameters, textLength: text)
    }

    @Test func aValueLongerThanItsParameterEndsWithAnEllipsis() throws {
        let data = try ZNSTemplateData.fill(
            template([.init(name: "truong", field: .school, maxLength: 10)]),
            fields: [.school: "Trường TH và THCS Bình Khương"]
        )
        #expect(data.map(\.value) == ["Trường TH…"])
        #expect(data[0].value.count == 10)
    }

    @Test func theLongestValueIsShortenedToFitFourHundredCharactersAndLinksStayWhole() throws {
        let link = "https://watchpost.example.invalid/ack?t=" + String(repeating: "x", count: 100)
        let data = try ZNSTemplateData.fill(
            template(
                [
                    .init(name: "a", field: .school, maxLength: 200),
                    .init(name: "b", field: .subject, maxLength: 200),
                    .init(name: "l", field: .acknowledgeURL, maxLength: 200),
                ],
                text: 100
            ),
            fields: [
                .school: String(repeating: "s", count: 150), .subject: String(repeating: "t", count: 60),
                .acknowledgeURL: link,
            ]
        )
        #expect(data[2].value == link)
        #expect(100 + data.map(\.value.count).reduce(0, +) == 400)
        // Only the longest value lost characters.
        #expect(data[1].value.count == 60)
        #expect(data[0].value.hasSuffix("…"))
    }

    @Test func aLinkTooLongForItsParameterIsAConfigurationError() {
        let error = #expect(throws: DeliveryError.self) {
            try ZNSTemplateData.fill(
                template([.init(name: "l", field: .acknowledgeURL, maxLength: 10)]),
                fields: [.acknowledgeURL: "https://watchpost.example.invalid/ack"]
            )
        }
        #expect(error?.code == .configuration)
    }
}
