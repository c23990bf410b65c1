import Foundation
import Testing
import WatchpostNotify

struct ZaloDeliveryEventTests {
    let body = Data(
        #"{"app_id":"4242","event_name":"user_received_message","timestamp":"1733400000123","message":{"msg_id":"msg-7","delivery_time":"1733400000100"}}"#
            .utf8
    )

    @Test func aReceiptNamesTheMessageAndWhenItArrived() throws {
        let event = try ZaloDeliveryEvent.parse(body)
        #expect(event.isReceipt)
        #expect(event.messageID == "msg-7")
        #expect(event.deliveredAt == Date(timeIntervalSince1970: 1_733_400_000.1))
    }

    @Test func theSignatureIsSHA256OfAppIDBodyTimestampAndSecret() {
        let mac = ZaloDeliveryEvent.signature(body: body, appID: "4242", timestamp: "1733400000123", secretKey: "oa")
        #expect(
            ZaloDeliveryEvent.verify(
                body: body,
                header: "mac=\(mac)",
                appID: "4242",
                timestamp: "1733400000123",
                secretKey: "oa"
            )
        )
        #expect(
            !ZaloDeliveryEvent.verify(
                body: body,
                header: "mac=\(mac)",
                appID: "4242",
                timestamp: "1733400000124",
                secretKey: "oa"
            )
        )
        #expect(
            !ZaloDeliveryEvent.verify(
                body: body,
                header: nil,
                appID: "4242",
                timestamp: "1733400000123",
                secretKey: "oa"
            )
        )
        #expect(
            !ZaloDeliveryEvent.verify(
                body: body,
                header: "mac=\(mac)",
                appID: "4242",
                timestamp: "1733400000123",
                secretKey: ""
            )
        )
    }

    @Test func aBodyWithoutATimestampNamesTheField() {
        let error = #expect(throws: ZaloEventError.self) {
            try ZaloDeliveryEvent.parse(Data(#"{"app_id":"1","event_name":"user_received_message"}"#.utf8))
        }
        #expect(error?.field == "timestamp")
    }
}
