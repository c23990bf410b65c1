import Foundation
import Testing
import WatchpostCore

/// The harness itself: the server answers, tokens authenticate, and `produced()` sees exactly
/// what was produced.
@Suite("APIHarness", .serialized, .timeLimit(.minutes(5)))
struct APIHarnessTests {
    @Test func healthAnswersAndNothingIsProducedByReads() async throws {
        try await APITestHarness.with { api in
            let response = try await api.request(.get, "/healthz")
            #expect(response.status == .ok)
            #expect(try await api.produced().isEmpty)
        }
    }
}
