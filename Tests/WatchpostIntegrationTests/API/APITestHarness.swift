import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Kafka
import Logging
import Postgres
import WatchpostAPI
import WatchpostCore
import WatchpostNotify
import WatchpostStore

/// A running `watchpost api` for one test: a fresh migrated database with the shipped directory
/// synced, an embedded broker with the events topic (one partition, so what the API produced
/// can be read in order), an environment built from `Config/` with known secrets and dev mode
/// off, and a live HTTP server on a loopback port.
///
///     try await APITestHarness.with { api in
///         let token = try await api.token(officer: "ht-thcs-binh-son", scopes: [.read])
///         let response = try await api.request(.get, "/v1/me/obligations", token: token)
///         #expect(response.status == .ok)
///     }
struct APITestHarness: Sendable {
    /// The event-signing keys the API runs with (the workers of a test may share them).
    static var keyring: EventKeyring { TestEventKeys.keyring }
    /// The acknowledge-link secret the API runs with.
    static let linkSecret = "test-link-secret-0123456789-abcdefghijklmnop"
    /// The public base URL the API believes it is reached at.
    static let publicURL = "https://watchpost.test"

    let database: PipelineDatabase
    let broker: PipelineBroker
    let environment: APIEnvironment
    let client: any TestClientProtocol

    /// The directory the API serves (the shipped `Config/directory.yaml`).
    var directory: Directory { environment.directory }
    /// The API's pool, for assertions on its tables.
    var pool: PostgresPool { environment.pool }
    /// The loopback port the server listens on (for a browser).
    var port: Int { client.port ?? 0 }
    /// `http://127.0.0.1:PORT`.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts everything, runs `body`, and stops and drops everything whatever happens.
    /// `configure` may change the settings before they are resolved (dev mode stays off unless
    /// it turns it on); `now` is the API's clock.
    static func with<Value: Sendable>(
        configure: (inout APISettings) -> Void = { _ in },
        now: @escaping @Sendable () -> Date = { Date() },
        smsAnswers: (any DeliveryChannel)? = nil,
        _ body: @Sendable (APITestHarness) async throws -> Value
    ) async throws -> Value {
        let broker = try await PipelineBroker(partitions: 1)
        return try await PipelineDatabase.with { database in
            var settings = APISettings(
                brokers: broker.brokers,
                database: database.configuration,
                configDirectory: PipelinePaths.config
            )
            settings.publicURL = publicURL
            settings.linkSecret = linkSecret
            settings.keyring = keyring
            settings.devMode = false
            // The test client keeps one connection and does not reconnect, as a browser would,
            // when the server closes it for idleness; a slow step on a busy machine can leave it
            // idle past the production 30 s. The timeout tests set their own.
            settings.connectionIdleTimeout = .seconds(3_600)
            configure(&settings)
            let environment = try await makeEnvironment(settings: settings, now: now, smsAnswers: smsAnswers)
            do {
                try await Migrator.migrate(environment.pool, logger: logger)
                _ = try await DirectorySync.sync(environment.directory, pool: environment.pool, now: now())
                let application = Application(
                    router: APIServer.router(environment),
                    server: APIServer.server(settings),
                    configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
                    logger: logger
                )
                let value = try await application.test(.live) { client in
                    try await body(
                        APITestHarness(database: database, broker: broker, environment: environment, client: client)
                    )
                }
                await environment.close()
                return value
            } catch {
                await environment.close()
                throw error
            }
        }
    }

    private static func makeEnvironment(
        settings: APISettings,
        now: @escaping @Sendable () -> Date,
        smsAnswers: (any DeliveryChannel)?
    ) async throws -> APIEnvironment {
        let (resolved, _) = try settings.resolve()
        let configuration = try WatchpostConfiguration.load(
            directoryFile: settings.directoryFile,
            policyFile: settings.policyFile
        )
        var producerConfiguration = KafkaProducerConfiguration(bootstrapBrokers: settings.brokers)
        producerConfiguration.messageTimeout = settings.produceTimeout
        return APIEnvironment(
            settings: resolved,
            directory: configuration.directory,
            policy: configuration.policy,
            pool: PostgresPool(configuration: settings.database, maxConnections: 4, logger: logger),
            producer: try KafkaProducer(configuration: producerConfiguration, logger: logger),
            admin: try KafkaAdmin(connection: producerConfiguration.connection, logger: logger),
            logger: logger,
            now: now,
            smsAnswers: smsAnswers
        )
    }

    static var logger: Logger { PipelineInProcessWorker.logger }
}

// MARK: - Callers

extension APITestHarness {
    /// Issues an API token for `officer` with `scopes` and returns the token text.
    func token(officer: OfficerID, scopes: Set<Scope>) async throws -> String {
        try await issueToken(officer: officer, tool: nil, scopes: scopes)
    }

    /// Issues an API token for the tool `name` with `scopes` and returns the token text.
    func token(tool name: String, scopes: Set<Scope>) async throws -> String {
        try await issueToken(officer: nil, tool: name, scopes: scopes)
    }

    /// The one place tokens are issued, as `watchpost token issue` does: a random `wpt_` token
    /// of which only the SHA-256 is stored.
    private func issueToken(officer: OfficerID?, tool: String?, scopes: Set<Scope>) async throws -> String {
        let token = APIToken.generate()
        let owner: APITokenRecord.Owner = if let officer { .officer(officer) } else { .tool(tool ?? "") }
        try await APITokenStore(pool: pool).insert(
            APITokenRecord(
                id: UUID(),
                owner: owner,
                scopes: scopes.map(\.rawValue).sorted(),
                label: "test",
                createdAt: Date()
            ),
            hash: APIToken.hash(token)
        )
        return token
    }
}

// MARK: - Requests

/// A response, with its body as text and JSON.
struct APIResponse: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object (empty when it is not one).
    var json: [String: any Sendable] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: any Sendable] ?? [:]
    }

    /// The `error` code of an error body.
    var errorCode: String? { json["error"] as? String }

    /// The `field` of every problem of a 400 body.
    var problemFields: [String] {
        (json["problems"] as? [[String: any Sendable]] ?? []).compactMap { $0["field"] as? String }
    }
}

extension APITestHarness {
    /// Sends a request with an optional bearer token and body; `contentType` defaults to JSON
    /// when there is a body.
    func request(
        _ method: HTTPRequest.Method,
        _ uri: String,
        token: String? = nil,
        body: [UInt8]? = nil,
        contentType: String? = "application/json",
        headers extra: HTTPFields = [:]
    ) async throws -> APIResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil, let contentType, headers[.contentType] == nil { headers[.contentType] = contentType }
        headers[.accept] = headers[.accept] ?? "application/json"
        let response = try await client.execute(
            uri: uri,
            method: method,
            headers: headers,
            body: body.map { ByteBuffer(bytes: $0) }
        )
        return APIResponse(status: response.status, headers: response.headers, body: Array(buffer: response.body))
    }

    /// Sends `json` (any JSON-serialisable value) as the body.
    func request(_ method: HTTPRequest.Method, _ uri: String, token: String?, json: Any) async throws -> APIResponse {
        let data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys, .withoutEscapingSlashes])
        return try await request(method, uri, token: token, body: Array(data))
    }
}

// MARK: - Seeding and what was produced

extension APITestHarness {
    /// Applies `events` to the database the way a worker does (routing, obligations, alerts),
    /// without Kafka, so read routes have incidents to show. Returns nothing; read back with
    /// the routes.
    func seed(_ events: [Event], now: Date? = nil) async throws {
        let store = EventStore(pool: pool, directory: directory, policy: environment.policy, logger: Self.logger)
        let inbound = events.map { event in
            InboundEvent(
                event: event,
                topic: "seed",
                partition: 0,
                offset: Int64.random(in: 0..<Int64.max / 2),
                raw: EventEncoder().encode(event)
            )
        }
        _ = try await store.applyRetrying(inbound, now: now ?? environment.now())
    }

    /// Every message produced to the events topic so far, in order. Produces a sentinel after
    /// them and reads the (single-partition) topic up to it, so the answer is complete without
    /// waiting for silence.
    func produced() async throws -> [KafkaConsumerMessage] {
        let sentinel = Array("sentinel-\(UUID().uuidString)".utf8)
        _ = try await environment.producer.send(
            KafkaProducerMessage(topic: PipelineBroker.eventsTopic, key: sentinel, value: sentinel)
        )
        var configuration = KafkaConsumerConfiguration(
            bootstrapBrokers: broker.brokers,
            groupID: "api-test-reader-\(UUID().uuidString)",
            topics: [PipelineBroker.eventsTopic]
        )
        configuration.maxBatchWait = .milliseconds(50)
        configuration.sessionTimeout = .seconds(6)
        configuration.heartbeatInterval = .milliseconds(500)
        let consumer = try KafkaConsumer(configuration: configuration)
        var messages: [KafkaConsumerMessage] = []
        var sawSentinel = false
        let deadline = ContinuousClock.now + .seconds(120)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await Task.sleep(until: deadline)
                await consumer.close()
            }
            reading: for try await batch in consumer.batches {
                for message in batch.messages {
                    if message.value == sentinel {
                        sawSentinel = true
                        break reading
                    }
                    if message.key?.starts(with: Array("sentinel-".utf8)) != true { messages.append(message) }
                }
            }
            group.cancelAll()
        }
        await consumer.close()
        guard sawSentinel else {
            throw PipelineTimeout(what: "the sentinel came back from \(PipelineBroker.eventsTopic)")
        }
        return messages
    }

    /// The events produced so far, decoded.
    func producedEvents() async throws -> [Event] {
        let decoder = EventDecoder(knownUnit: { _ in true })
        return try await produced().map { message in try decoder.decode(message.value).get() }
    }
}

extension APITestHarness {
    /// Runs one query on the API's pool and returns its rows.
    func rows(_ query: PostgresQuery) async throws -> PostgresRows {
        try await pool.withConnection { try await $0.query(query) }
    }
}
