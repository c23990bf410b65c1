import Foundation
import Hummingbird
import Kafka
import Postgres

/// `/healthz` (the process is up), `/readyz` (PostgreSQL and Kafka answer), `/metrics`
/// (Prometheus text, for an operations token) and `/openapi.yaml` (the API's description).
enum OperationsRoutes: RouteGroup {
    static let rules: [RouteRule] = [
        RouteRule(.get, "/healthz", .anyone),
        RouteRule(.get, "/readyz", .anyone),
        RouteRule(.get, "/metrics", .operations),
        RouteRule(.get, "/openapi.yaml", .anyone),
    ]

    static func register(on router: Hummingbird.Router<APIRequestContext>, _ environment: APIEnvironment) {
        router.get("/healthz") { _, _ in json(.ok, #"{"status":"ok"}"#) }
        router.get("/readyz") { _, _ in
            async let database = check {
                try await environment.pool.withConnection { _ = try await $0.query("SELECT 1") }
            }
            async let broker = check { _ = try await environment.admin.metadata(timeout: .seconds(2)) }
            let (databaseProblem, brokerProblem) = await (database, broker)
            let ready = databaseProblem == nil && brokerProblem == nil
            let body = """
                {"status":"\(ready ? "ready" : "unready")","checks":{"database":"\(databaseProblem == nil ? "ok" : "failing")",\
                "kafka":"\(brokerProblem == nil ? "ok" : "failing")"}}
                """
            return json(ready ? .ok : .serviceUnavailable, body)
        }
        router.get("/metrics") { _, context in
            try Access.requireOperations(context)
            var buffer: [UInt8] = []
            environment.registry.emit(into: &buffer)
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: buffer))
            )
        }
        router.get("/openapi.yaml") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/yaml; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.bytes))
            )
        }
    }

    /// Nil when `body` finishes within 2 seconds; else the error.
    private static func check(_ body: @escaping @Sendable () async throws -> Void) async -> (any Error)? {
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await body() }
                group.addTask {
                    try await Task.sleep(for: .seconds(2))
                    throw CancellationError()
                }
                try await group.next()
                group.cancelAll()
            }
            return nil
        } catch {
            return error
        }
    }

    private static func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }
}

/// `docs/openapi.yaml`, shipped in the binary.
enum OpenAPIDocument {
    static let bytes: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
            let data = try? Data(contentsOf: url)
        else { return Array("openapi: 3.1.0\n".utf8) }
        return Array(data)
    }()
}
