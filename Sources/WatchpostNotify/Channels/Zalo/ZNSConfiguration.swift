import Foundation
import WatchpostCore

/// Settings of the Zalo ZNS channel: the Official Account's app, the first refresh token, the
/// template book and Zalo's addresses. Secrets come only from the environment.
public struct ZNSConfiguration: Sendable {
    /// Zalo's send endpoint base. Default: `https://business.openapi.zalo.me`.
    public static let defaultAPIURL = "https://business.openapi.zalo.me"
    /// Zalo's OAuth base. Default: `https://oauth.zaloapp.com`.
    public static let defaultOAuthURL = "https://oauth.zaloapp.com"

    /// The app id at Zalo for Developers.
    public var appID: String
    /// The app's secret key (header `secret_key` of the token refresh).
    public var secretKey: String
    /// The refresh token an operator obtained when granting the app access to the Official
    /// Account; used once, after which the database holds the chain.
    public var refreshToken: String
    /// Which approved template carries each message.
    public var templates: ZNSTemplateBook
    /// The send API's base URL (`/message/template` is appended). Default: `defaultAPIURL`.
    public var apiURL: String = ZNSConfiguration.defaultAPIURL
    /// The OAuth base URL (`/v4/oa/access_token` is appended). Default: `defaultOAuthURL`.
    public var oauthURL: String = ZNSConfiguration.defaultOAuthURL
    /// How long before its expiry an access token is refreshed. Default: 10 minutes.
    public var refreshMargin: Duration = .seconds(600)
    /// The longest time to wait for a connection. Default: 10 seconds.
    public var connectTimeout: Duration = .seconds(10)
    /// The longest time for one request. Default: 10 seconds.
    public var timeout: Duration = .seconds(10)

    /// Creates a configuration with the defaults above.
    public init(appID: String, secretKey: String, refreshToken: String, templates: ZNSTemplateBook) {
        self.appID = appID
        self.secretKey = secretKey
        self.refreshToken = refreshToken
        self.templates = templates
    }

    /// The send endpoint.
    var sendURL: String { Self.join(apiURL, "/message/template") }
    /// The token endpoint.
    var tokenURL: String { Self.join(oauthURL, "/v4/oa/access_token") }

    private static func join(_ base: String, _ path: String) -> String {
        (base.hasSuffix("/") ? String(base.dropLast()) : base) + path
    }

    /// Reads `WATCHPOST_ZNS_*` (see `ChannelConfiguration`); `nil` when `WATCHPOST_ZNS_APP_ID`
    /// is unset.
    ///
    /// - Throws: `.configuration` naming the variable, or the template file's problems.
    static func fromEnvironment(_ value: (String) -> String?) throws(DeliveryError) -> ZNSConfiguration? {
        guard let appID = value("WATCHPOST_ZNS_APP_ID") else { return nil }
        func required(_ name: String) throws(DeliveryError) -> String {
            guard let text = value(name) else {
                throw DeliveryError(
                    .configuration,
                    channel: .zalo,
                    message: "\(name) must be set when WATCHPOST_ZNS_APP_ID is"
                )
            }
            return text
        }
        let secret = try required("WATCHPOST_ZNS_SECRET_KEY")
        let refresh = try required("WATCHPOST_ZNS_REFRESH_TOKEN")
        let path =
            value("WATCHPOST_ZNS_TEMPLATES_FILE")
            ?? URL(fileURLWithPath: value("WATCHPOST_CONFIG_DIR") ?? "Config").appendingPathComponent("zns.yaml").path
        let book: ZNSTemplateBook
        do {
            book = try ZNSTemplateBook.load(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DeliveryError(.configuration, channel: .zalo, message: "ZNS templates: \(error)")
        }
        var configuration = ZNSConfiguration(appID: appID, secretKey: secret, refreshToken: refresh, templates: book)
        for (name, keyPath) in [
            ("WATCHPOST_ZNS_API_URL", \ZNSConfiguration.apiURL), ("WATCHPOST_ZNS_OAUTH_URL", \.oauthURL),
        ] {
            guard let url = value(name) else { continue }
            guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
                throw DeliveryError(.configuration, channel: .zalo, message: "\(name) must be an http(s) URL")
            }
            configuration[keyPath: keyPath] = url
        }
        return configuration
    }
}
