import Foundation
import Testing
import WatchpostCore
import WatchpostNotify
import WatchpostPipeline
import WatchpostStore
import WatchpostTestSupport

@Suite(.timeLimit(.minutes(5)))
struct DeliveryDeadTests {
    @Test func deadDeliveryTellsTheAuthorityDesk() async throws {
        // The head's only channel refuses for good; everyone else is reachable.
        let refusing = try TestHTTPServer { _, _ in .status(404, body: "no such hook") }
        let healthy = try TestHTTPServer { _, _ in .status(200) }
        let directory = try DeliveryFixture.directory { officer in
            [Channel(kind: .webhook, address: officer.id == DeliveryFixture.head ? refusing.url : healthy.url)]
        }
        try await StoreTestDatabase.with(directory: directory) { pool in
            let dispatcher = try DeliveryFixture.dispatcher(
                pool: pool,
                directory: directory,
                channels: [.webhook: DeliveryFixture.webhook()]
            )
            try await DeliveryFixture.running(dispatcher) {
                try await DeliveryFixture.route([DeliveryFixture.report()], pool: pool, directory: directory)
                try await deliveryWait("the head's delivery to die and the desk to be told") {
                    let rows = try await DeliveryFixture.deliveries(pool)
                    return rows.contains {
                        $0.template == AlertTemplate.deliveryFailed.rawValue && $0.status == "delivered"
                    }
                        && rows.contains { $0.recipient == DeliveryFixture.head && $0.status == "dead" }
                }
            }
            let rows = try await DeliveryFixture.deliveries(pool)
            let dead = try #require(rows.first { $0.recipient == DeliveryFixture.head })
            #expect(dead.lastError?.contains("404") == true)
            #expect(try await DeliveryFixture.attempts(pool, of: dead.id).map(\.outcome) == ["failed"])
            let notices = rows.filter { $0.template == AlertTemplate.deliveryFailed.rawValue }
            let desks = directory.officers(.authorityDesk, of: StoreFixture.school).map(\.id)
            #expect(!desks.isEmpty)
            #expect(Set(notices.map(\.recipient)) == Set(desks))
            #expect(
                healthy.requests.filter { $0.template == AlertTemplate.deliveryFailed.rawValue }.count == desks.count
            )
            #expect(refusing.requests.count == 1)
        }
    }
}
