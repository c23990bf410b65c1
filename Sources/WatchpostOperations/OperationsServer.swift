import Foundation
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle
import WatchpostPipeline

/// The worker's operations endpoint, outside the worker library so that it needs no HTTP
/// server: serves the worker's metrics as Prometheus text at `GET /metrics`, and its health:
///
/// - `GET /healthz` (liveness): 200 while the process serves HTTP.
/// - `GET /readyz` (readiness; `/health` is an alias): 200 when PostgreSQL answers `SELECT 1`
///   within the timeout, the consumer is in its group, the oldest overdue obligation not yet
///   escalated is within `WorkerSettings.overdueAlarm`, and (unless disabled) the last deadline
///   audit found no exception (`DeadlineAuditService`); otherwise 503. The JSON body names each
///   check with its state (`ok`, `failing`, `unknown`) and lists the failing ones.
///
/// The other services of the worker share its service group, which stops them all when one
/// ends, so while this answers they are running. It also runs the health probe
/// (`WorkerHealth`), which refreshes `watchpost_oldest_overdue_obligation_seconds`.
public struct OperationsServer: Service {
    let endpoint: WorkerEndpoint

    /// The server of `endpoint`; pass `OperationsServer.init` to `buildWorker`.
    public init(_ endpoint: WorkerEndpoint) {
        self.endpoint = endpoint
    }

    /// Runs the HTTP server and the health probe until graceful shutdown.
    public func run() async throws {
        let router = Router()
        let registry = endpoint.registry
        let health = endpoint.health
        let (host, port, logger) = (endpoint.host, endpoint.port, endpoint.logger)
        router.get("/metrics") { _, _ -> Response in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(16 * 1024)
            registry.emit(into: &buffer)
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: buffer))
            )
        }
        router.get("/healthz") { _, _ in Self.response(HealthReport.alive) }
        router.get("/readyz") { _, _ in Self.response(health.readiness()) }
        router.get("/health") { _, _ in Self.response(health.readiness()) }
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(
                address: .hostname(host, port: port),
                serverName: "watchpost-worker"
            ),
            logger: logger
        )
        logger.info("metrics endpoint listening", metadata: ["address": "\(host):\(port)"])
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await health.run() }
            defer { group.cancelAll() }
            try await application.run()
        }
    }

    private static func response(_ report: HealthReport) -> Response {
        Response(
            status: report.isHealthy ? .ok : .serviceUnavailable,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: report.json()))
        )
    }
}
