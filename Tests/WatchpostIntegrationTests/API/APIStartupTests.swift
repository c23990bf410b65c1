import Foundation
import Testing
import WatchpostAPI
import Postgres
import WatchpostCore

/// The API's secrets are required settings in production (D19).
@Suite("watchpost api start-up")
struct APIStartupTests {
    private static let unset: [String: String?] = [
        "WATCHPOST_PUBLIC_URL": nil, "WATCHPOST_LINK_SECRET": nil, EventKeyring.environmentVariable: nil,
    ]

    @Test("without the public URL, the link secret and the event keys the API refuses to start and names each")
    func productionRequiresItsSecrets() async throws {
        let run = try await PublishHarness.run(
            [
                "api", "--brokers", "127.0.0.1:9", "--database-url", "postgresql://nobody@127.0.0.1:9/none", "--port",
                "0",
            ],
            environment: Self.unset
        )
        #expect(run.status != 0)
        for name in ["WATCHPOST_PUBLIC_URL", "WATCHPOST_LINK_SECRET", "WATCHPOST_EVENT_KEYS"] {
            #expect(run.stderr.contains(name), "\(run.stderr)")
        }
    }

    @Test("a link secret shorter than 32 bytes is refused even in dev mode; dev mode generates what is missing")
    func devModeGeneratesOnlyWhatIsMissing() throws {
        var settings = APISettings(
            brokers: ["127.0.0.1:9"],
            database: .init(host: "127.0.0.1", port: 9, user: "nobody", database: "none"),
            configDirectory: PipelinePaths.config
        )
        settings.devMode = true
        settings.linkSecret = "short"
        #expect(throws: APISettingsError.self) { try settings.resolve() }
        settings.linkSecret = nil
        let (resolved, warnings) = try settings.resolve()
        #expect(resolved.linkSecret.utf8.count >= 32)
        #expect(resolved.publicURL == "http://127.0.0.1:8080")
        #expect(warnings.count == 2)
    }
}
