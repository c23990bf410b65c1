import Foundation
import Postgres
import WatchpostAPI
import WatchpostCore
import WatchpostStore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The benchmark's HTTP client: GETs with an officer's API token, as a signed-in caller, over
/// one shared session that keeps up to 256 connections to the server open.
final class ProvinceClient: Sendable {
    /// One timed answer.
    struct Answer: Sendable {
        var status: Int
        var bytes: Int
        var seconds: Double
    }

    let baseURL: String
    private let session: URLSession

    init(baseURL: String) {
        self.baseURL = baseURL
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = 120
        configuration.httpMaximumConnectionsPerHost = 256
        session = URLSession(configuration: configuration)
    }

    /// GET `path` with `token`, timed from sending to the last byte.
    func get(_ path: String, token: String) async throws -> Answer {
        guard let url = URL(string: baseURL + path) else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("vi", forHTTPHeaderField: "Accept-Language")
        let started = ContinuousClock.now
        let (data, response): (Data, URLResponse) = try await withCheckedThrowingContinuation { continuation in
            session.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: error)
                } else if let response {
                    continuation.resume(returning: (data ?? Data(), response))
                } else {
                    continuation.resume(throwing: URLError(.badServerResponse))
                }
            }.resume()
        }
        let seconds = PipelineBenchmarkTests.seconds(ContinuousClock.now - started)
        return Answer(status: (response as? HTTPURLResponse)?.statusCode ?? 0, bytes: data.count, seconds: seconds)
    }

    /// Issues an API token with the read scope for each officer, as `watchpost token issue` does.
    static func tokens(for officers: [OfficerID], pool: PostgresPool) async throws -> [OfficerID: String] {
        let store = APITokenStore(pool: pool)
        var tokens: [OfficerID: String] = [:]
        for officer in officers {
            let token = APIToken.generate()
            try await store.insert(
                APITokenRecord(
                    id: UUID(),
                    owner: .officer(officer),
                    scopes: [Scope.read.rawValue],
                    label: "province bench",
                    createdAt: Date()
                ),
                hash: APIToken.hash(token)
            )
            tokens[officer] = token
        }
        return tokens
    }
}

/// Durations in seconds and their percentiles.
struct ProvinceTimings: Sendable, Codable {
    var seconds: [Double] = []

    var count: Int { seconds.count }
    /// The `p`th percentile (nearest rank), in milliseconds.
    func percentile(_ p: Double) -> Double {
        guard !seconds.isEmpty else { return 0 }
        let sorted = seconds.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))] * 1_000
    }
    var p50: Double { percentile(50) }
    var p99: Double { percentile(99) }
    var max: Double { (seconds.max() ?? 0) * 1_000 }
}
