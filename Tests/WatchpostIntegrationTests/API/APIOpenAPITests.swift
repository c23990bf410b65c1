import Foundation
import Testing
@testable import WatchpostAPI
import Yams

/// `docs/openapi.yaml` (served at `/openapi.yaml`) describes exactly the `/v1` routes the
/// router serves.
@Suite("APIOpenAPI", .serialized, .timeLimit(.minutes(5)))
struct APIOpenAPITests {
    static let methods = ["get", "put", "post", "delete", "patch", "head", "options"]

    @Test func everyServedV1RouteIsDocumentedAndEveryDocumentedPathIsServed() async throws {
        try await APITestHarness.with { api in
            let response = try await api.request(.get, "/openapi.yaml")
            #expect(response.status == .ok)
            let document = try #require(try Yams.load(yaml: response.text) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: Any])
            var documented: Set<String> = []
            for (path, item) in paths {
                let operations = try #require(item as? [String: Any], "\(path)")
                for method in Self.methods where operations[method] != nil {
                    documented.insert("\(method.uppercased()) \(path)")
                }
            }
            let served = Set(
                APIServer.router(api.environment).routes.map(\.description).filter {
                    $0.split(separator: " ")[1].hasPrefix("/v1/")
                }
            )
            #expect(!served.isEmpty)
            #expect(
                served.subtracting(documented).isEmpty,
                "served but not documented: \(served.subtracting(documented).sorted())"
            )
            #expect(
                documented.subtracting(served).isEmpty,
                "documented but not served: \(documented.subtracting(served).sorted())"
            )
        }
    }
}
