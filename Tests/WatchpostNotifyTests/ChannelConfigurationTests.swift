import Foundation
import Testing
import WatchpostNotify

struct ChannelConfigurationTests {
    @Test func emptyEnvironmentLeavesOnlyTheConsole() throws {
        let configuration = try ChannelConfiguration.fromEnvironment([:])
        #expect(configuration.webhook == nil && configuration.email == nil && configuration.sms == nil)
        #expect(
            try configuration.makeChannels(environment: [:]).keys.sorted { $0.rawValue < $1.rawValue } == [.console]
        )
    }

    @Test func everyVariableIsRead() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("zalo-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try #"{"url": "https://zalo.example.vn/send", "body": {"form": {"user_id": "{{to}}"}}}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let configuration = try ChannelConfiguration.fromEnvironment([
            "WATCHPOST_WEBHOOK_SECRET": "s", "WATCHPOST_WEBHOOK_TIMEOUT": "2.5",
            "WATCHPOST_SMTP_URL": "smtps://mail.example.vn:465", "WATCHPOST_SMTP_FROM": "Watchpost <a@example.vn>",
            "WATCHPOST_SMTP_USER": "u", "WATCHPOST_SMTP_PASSWORD": "p", "WATCHPOST_SMTP_TLS": "try",
            "WATCHPOST_ZALO_GATEWAY_FILE": file.path,
        ])
        let webhook = try #require(configuration.webhook)
        #expect(
            webhook.secret == "s" && webhook.timeout == .milliseconds(2500)
                && webhook.connectTimeout == .milliseconds(2500)
        )
        let email = try #require(configuration.email)
        #expect(email.url == "smtps://mail.example.vn:465" && email.username == "u" && email.password == "p")
        #expect(email.tls == .tryStartTLS && email.timeout == .seconds(30))
        #expect(configuration.zalo?.template.body == .form(["user_id": "{{to}}"]))
        #expect(configuration.sms == nil)
        #expect(try configuration.makeChannels(environment: [:]).count == 4)
    }

    @Test(arguments: [
        (["WATCHPOST_SMTP_URL": "smtp://x:25"], "WATCHPOST_SMTP_FROM"),
        (
            ["WATCHPOST_SMTP_URL": "smtp://x:25", "WATCHPOST_SMTP_FROM": "a@b.vn", "WATCHPOST_SMTP_TLS": "maybe"],
            "WATCHPOST_SMTP_TLS"
        ),
        (["WATCHPOST_WEBHOOK_SECRET": "s", "WATCHPOST_WEBHOOK_TIMEOUT": "soon"], "WATCHPOST_WEBHOOK_TIMEOUT"),
        (["WATCHPOST_SMS_GATEWAY_FILE": "/nonexistent/sms.yaml"], "/nonexistent/sms.yaml"),
    ])
    func badValuesAreConfigurationErrorsNamingTheVariable(environment: [String: String], named: String) {
        let error = #expect(throws: DeliveryError.self) { try ChannelConfiguration.fromEnvironment(environment) }
        #expect(error?.code == .configuration)
        #expect(error?.message.contains(named) == true)
    }

    @Test func smtpURLMustBeSMTP() {
        let error = #expect(throws: DeliveryError.self) {
            try EmailChannel(configuration: EmailConfiguration(url: "http://mail.example.vn", from: "a@b.vn"))
        }
        #expect(error?.code == .configuration)
    }
}
