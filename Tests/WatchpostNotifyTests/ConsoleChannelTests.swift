import Synchronization
import Testing
import WatchpostNotify

struct ConsoleChannelTests {
    @Test func messageIsWrittenAsOneReadableBlock() async throws {
        let written = Mutex<[String]>([])
        let channel = ConsoleChannel { block in written.withLock { $0.append(block) } }
        let message = OutboundMessage(subject: "Cảnh báo", body: "Nội dung", idempotencyKey: "d-1", locale: "vi")
        let receipt = try await channel.send(message, to: "hieutruong@example.vn")
        #expect(receipt == DeliveryReceipt(channel: .console, responseCode: nil, serverMessageID: "d-1"))
        #expect(
            written.withLock { $0 } == [
                """
                ──── watchpost delivery d-1 ────
                to:      hieutruong@example.vn
                locale:  vi
                subject: Cảnh báo

                Nội dung
                ────
                """
            ]
        )
    }
}
