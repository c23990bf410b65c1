import Foundation
import Testing
import WatchpostCore
import WatchpostNotify

struct ZNSConfigurationTests {
    /// The shipped Config/zns.yaml.
    static let templatesFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Config/zns.yaml").path

    @Test func znsWinsOverTheZaloGatewayFile() throws {
        let configuration = try ChannelConfiguration.fromEnvironment([
            "WATCHPOST_ZNS_APP_ID": "4242", "WATCHPOST_ZNS_SECRET_KEY": "s", "WATCHPOST_ZNS_REFRESH_TOKEN": "r",
            "WATCHPOST_ZNS_TEMPLATES_FILE": Self.templatesFile, "WATCHPOST_ZNS_API_URL": "http://127.0.0.1:9/",
            "WATCHPOST_ZALO_GATEWAY_FILE": "/nonexistent/zalo-gateway.yaml",
        ])
        let zns = try #require(configuration.zns)
        #expect(zns.appID == "4242" && zns.apiURL == "http://127.0.0.1:9/")
        #expect(zns.oauthURL == ZNSConfiguration.defaultOAuthURL)
        #expect(configuration.zalo == nil)
        #expect(try configuration.makeChannels(environment: [:])[.zalo] is ZNSChannel)
    }

    @Test(arguments: ["WATCHPOST_ZNS_SECRET_KEY", "WATCHPOST_ZNS_REFRESH_TOKEN"])
    func aMissingSecretIsNamed(_ missing: String) {
        var environment = [
            "WATCHPOST_ZNS_APP_ID": "4242", "WATCHPOST_ZNS_SECRET_KEY": "s", "WATCHPOST_ZNS_REFRESH_TOKEN": "r",
            "WATCHPOST_ZNS_TEMPLATES_FILE": Self.templatesFile,
        ]
        environment[missing] = nil
        let error = #expect(throws: DeliveryError.self) { try ChannelConfiguration.fromEnvironment(environment) }
        #expect(error?.code == .configuration)
        #expect(error?.message.contains(missing) == true)
    }
}
