import Foundation
import Testing
import WatchpostCore

/// `watchpost publish` for monitoring staff goes through the API with the officer's token
/// (`WATCHPOST_API_URL`, `WATCHPOST_TOKEN`), so no officer holds the event key (D18).
@Suite("watchpost publish through the API", .serialized, .timeLimit(.minutes(5)))
struct PublishThroughAPITests {
    /// A report through the API. `--timeout 60`: these tests check the route, not how fast the
    /// in-process API answers on a loaded machine (the default is 10 s).
    private static let report = [
        "publish", "report", "--officer", "gs-thcs-binh-son", "--unit", "thcs-binh-son", "--platform", "facebook",
        "--url", "https://www.facebook.com/groups/phuhuynh/posts/8800", "--category", "false_information",
        "--severity", "medium", "--subject", "student", "--summary", "Tin sai về lịch nghỉ học", "--timeout", "60",
    ]

    @Test(
        "a monitor's report sent with their token reaches the topic signed by the API for that monitor, without the key"
    )
    func reportGoesThroughTheAPISigned() async throws {
        try await APITestHarness.with { api in
            let token = try await api.token(officer: "gs-thcs-binh-son", scopes: [.report])
            let run = try await PublishHarness.run(
                Self.report,
                environment: [
                    "WATCHPOST_API_URL": api.baseURL, "WATCHPOST_TOKEN": token,
                    EventKeyring.environmentVariable: nil, "WATCHPOST_KAFKA_BROKERS": "127.0.0.1:9",
                ]
            )
            #expect(run.status == 0, "stderr: \(run.stderr)")
            #expect(run.stdout.contains("via=api"), "\(run.stdout)")
            let produced = try await api.produced()
            #expect(produced.count == 1)
            let message = try #require(produced.first)
            let header = try #require(message.headers.first { $0.key == EventSignature.header }?.value)
            let signature = try #require(EventSignature(headerValue: header))
            #expect(signature.signer == EventSource(kind: .officer, id: "gs-thcs-binh-son"))
            #expect(signature.problem(for: message.value, keyring: TestEventKeys.keyring) == nil)
        }
    }

    @Test("an API address without a token is a setup mistake: exit status 78, not 69 (unreachable)")
    func apiAddressWithoutTokenExitsWithConfigurationError() async throws {
        let run = try await PublishHarness.run(
            Self.report,
            environment: ["WATCHPOST_API_URL": "http://127.0.0.1:9", "WATCHPOST_TOKEN": nil]
        )
        #expect(run.status == 78, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("WATCHPOST_TOKEN"), "\(run.stderr)")
    }

    @Test(
        "a report in another officer's name, or with a revoked token, is refused with exit status 77 and nothing produced"
    )
    func refusalsExitWithNoPermission() async throws {
        try await APITestHarness.with { api in
            let token = try await api.token(officer: "gs-thcs-binh-son", scopes: [.report])
            var other = Self.report
            other[3] = "ht-thcs-binh-son"
            let impersonation = try await PublishHarness.run(
                other,
                environment: [
                    "WATCHPOST_API_URL": api.baseURL, "WATCHPOST_TOKEN": token, EventKeyring.environmentVariable: nil,
                ]
            )
            #expect(impersonation.status == 77, "stderr: \(impersonation.stderr)")
            #expect(impersonation.stderr.contains("HTTP 403"), "\(impersonation.stderr)")
            let unknown = try await PublishHarness.run(
                Self.report,
                environment: [
                    "WATCHPOST_API_URL": api.baseURL, "WATCHPOST_TOKEN": "wpt_not-a-token",
                    EventKeyring.environmentVariable: nil,
                ]
            )
            #expect(unknown.status == 77, "stderr: \(unknown.stderr)")
            #expect(unknown.stderr.contains("HTTP 401"), "\(unknown.stderr)")
            #expect(try await api.produced().isEmpty)
        }
    }
}
