import Postgres
import Testing

@Suite("LISTEN/NOTIFY", .timeLimit(.minutes(1)))
struct NotificationTests {
    @Test
    func notificationFromAnotherConnectionIsReceived() async throws {
        try await TestDatabase.withConnection { listener, configuration in
            let sender = try await PostgresConnection.connect(configuration: configuration)
            let channel = "obligation due \"soon\""
            try await listener.listen(channel)
            try await sender.notify(channel, payload: "Bình Sơn")
            let notification = try await listener.waitForNotification(timeout: .seconds(10))
            await sender.close()
            #expect(notification?.channel == channel)
            #expect(notification?.payload == "Bình Sơn")
            #expect(notification?.backendPID == sender.backendPID)
        }
    }

    @Test
    func waitingWithoutNotificationTimesOutWithNil() async throws {
        try await TestDatabase.withConnection { listener, _ in
            try await listener.listen("quiet")
            let clock = ContinuousClock()
            let start = clock.now
            let notification = try await listener.waitForNotification(timeout: .milliseconds(300))
            #expect(notification == nil)
            #expect(clock.now - start >= .milliseconds(290))
            #expect(clock.now - start < .seconds(5))
            // The connection still works after waiting.
            let row = try await listener.query("SELECT 1::bigint")
            #expect(try row[0].decode(Int64.self, at: 0) == 1)
        }
    }
}
