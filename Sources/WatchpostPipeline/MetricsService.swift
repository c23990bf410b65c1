import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// Serves the worker's metrics as Prometheus text at `GET /metrics`.
public struct MetricsService: Service {
    let registry: PrometheusCollectorRegistry
    let host: String
    let port: Int
    let logger: Logger

    /// Runs the HTTP server until graceful shutdown.
    public func run() async throws {
        let router = Router()
        let registry = self.registry
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
        router.get("/health") { _, _ in "ok" }
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(
                address: .hostname(host, port: port),
                serverName: "watchpost-worker"
            ),
            logger: logger
        )
        logger.info("metrics endpoint listening", metadata: ["address": "\(host):\(port)"])
        try await application.run()
    }
}
