import Foundation
import Testing
import WatchpostTestSupport
import WatchpostAPI
import WatchpostCore

/// `/healthz`, `/readyz` and `/metrics` of `watchpost api`.
@Suite("API operations endpoints", .serialized, .timeLimit(.minutes(5)))
struct APIOperationsTests {
    @Test("readiness names the database and Kafka checks; metrics count requests by route and published events by type")
    func readinessAndMetrics() async throws {
        try await APITestHarness.with { api in
            #expect(try await api.request(.get, "/healthz").status == .ok)
            // Each check has 2 s; on a loaded machine a first look may miss that, so look again
            // until both answer (the metrics below then count exactly one 200).
            var ready = try await api.request(.get, "/readyz")
            try await waitUntil("/readyz answers 200", timeout: .seconds(60)) {
                if ready.status != .ok { ready = try await api.request(.get, "/readyz") }
                return ready.status == .ok
            }
            let checks = ready.json["checks"] as? [String: any Sendable]
            #expect(checks?["database"] as? String == "ok")
            #expect(checks?["kafka"] as? String == "ok")

            let cast = try APICast(api.directory)
            let reporter = try await api.token(officer: cast.officers[.monitor]!.id, scopes: [.report])
            let sent = try await api.request(.post, "/v1/events", token: reporter, json: APIBadInputTests.report(cast))
            #expect(sent.status == .accepted, "\(sent.text)")

            let scraper = try await api.token(tool: "prometheus", scopes: [.read])
            let metrics = try await api.request(.get, "/metrics", token: scraper)
            #expect(metrics.status == .ok)
            #expect(
                metrics.text.contains(#"watchpost_api_requests_total{route="/readyz",status="200"} 1"#),
                "\(metrics.text)"
            )
            #expect(
                metrics.text.contains(#"watchpost_api_events_published_total{type="incident.reported"} 1"#),
                "\(metrics.text)"
            )
            #expect(!metrics.text.contains(cast.officers[.monitor]!.id), "metrics never name an officer")
        }
    }
}
