import Kafka
import Testing
import WatchpostTestSupport

@Suite(.timeLimit(.minutes(5)))
struct AdminTests {
    @Test func adminCreatesTopicAndMetadataReportsItsPartitionCount() async throws {
        let cluster = try TestCluster(embeddedBrokers: 3)
        let admin = try cluster.admin()
        let topic = uniqueName("admin")
        try await admin.createTopic(topic, partitions: 5, replicationFactor: 1)
        try await waitUntil("metadata shows \(topic)") {
            try await admin.metadata().topic(named: topic)?.partitionCount == 5
        }
        let metadata = try await admin.metadata()
        let described = try #require(metadata.topic(named: topic))
        #expect(described.partitions.map(\.id) == [0, 1, 2, 3, 4])
        #expect(described.error == nil)
        if TestCluster.isEmbedded {
            #expect(metadata.brokers.count == 3)
        }
    }

    @Test func creatingAnExistingTopicFailsWithTypedError() async throws {
        let cluster = try TestCluster()
        let admin = try cluster.admin()
        let topic = uniqueName("admin-twice")
        try await admin.createTopic(topic, partitions: 2)
        let error = await #expect(throws: KafkaError.self) {
            try await admin.createTopic(topic, partitions: 2)
        }
        #expect(error?.code == .topicAlreadyExists)
    }
}
