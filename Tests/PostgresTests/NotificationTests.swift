import Postgres
import Testing

@Suite("LISTEN/NOTIFY", .timeLimit(.minutes(5)))
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
    func waitThatTimesOutReturnsNilAndLosesNoLaterNotification() async throws {
        try await TestDatabase.withConnection { listener, configuration in
            try await listener.listen("quiet")
            let notification = try await listener.waitForNotification(timeout: .milliseconds(300))
            #expect(notification == nil)
            // The connection still works after waiting, and still listens.
            let row = try await listener.query("SELECT 1::bigint")
            #expect(try row[0].decode(Int64.self, at: 0) == 1)
            let sender = try await PostgresConnection.connect(configuration: configuration)
            try await sender.notify("quiet", payload: "after the timeout")
            await sender.close()
            let later = try await listener.waitForNotification(timeout: .seconds(10))
            #expect(later?.channel == "quiet")
            #expect(later?.payload == "after the timeout")
        }
    }
}
