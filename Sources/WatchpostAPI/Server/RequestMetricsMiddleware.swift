import Hummingbird
import Prometheus

/// Counts every answered request in `watchpost_api_requests_total{route, status}`, where `route`
/// is the registered path (`/v1/incidents/{id}`, never an id) or `unmatched`.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let registry: PrometheusCollectorRegistry

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            let response = try await next(request, context)
            count(context, status: response.status.code)
            return response
        } catch let error as any HTTPResponseError {
            count(context, status: error.status.code)
            throw error
        } catch {
            count(context, status: 500)
            throw error
        }
    }

    private func count(_ context: Context, status: Int) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "watchpost_api",
                metricName: "requests",
                unitName: "total",
                helpText: "HTTP requests answered by watchpost api, by registered route and status."
            ),
            labels: [("route", context.endpointPath ?? "unmatched"), ("status", String(status))]
        ).increment()
    }
}
