import Foundation
import Yams
import WatchpostCore

/// Settings of one HTTP gateway channel (SMS or Zalo): the request template plus how to
/// shape the text. Loaded from the file named by `WATCHPOST_SMS_GATEWAY_FILE` or
/// `WATCHPOST_ZALO_GATEWAY_FILE` (YAML or JSON; the template keys plus the ones below).
public struct GatewayConfiguration: Sendable, Hashable, Decodable {
    /// When an SMS text loses its diacritics.
    public enum Unaccenting: String, Sendable, Hashable, Codable {
        /// Never: send UCS-2, truncating if needed.
        case never
        /// Only when the text would not fit `maxSegments` otherwise.
        case whenNeeded = "when-needed"
        /// Always (some brand-name SMS routes accept GSM-7 only).
        case always
    }

    /// The request to make.
    public var template: GatewayTemplate
    /// SMS only: the most segments one message may take; longer texts are shortened.
    /// Default: 3. File key `max_segments`.
    public var maxSegments: Int = 3
    /// SMS only: when to drop diacritics. Default: `.whenNeeded`. File key `unaccented`.
    public var unaccenting: Unaccenting = .whenNeeded
    /// The longest time to wait for the connection. Default: 10 seconds.
    public var connectTimeout: Duration = .seconds(10)
    /// The longest time for the whole request. Default: 10 seconds. File key `timeout_seconds`.
    public var timeout: Duration = .seconds(10)

    /// Creates a configuration with the defaults above.
    public init(template: GatewayTemplate) {
        self.template = template
    }

    private enum CodingKeys: String, CodingKey {
        case maxSegments = "max_segments", unaccenting = "unaccented", timeoutSeconds = "timeout_seconds"
    }

    /// Decodes the template keys and the settings above from one mapping.
    public init(from decoder: any Decoder) throws {
        template = try GatewayTemplate(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        maxSegments = try container.decodeIfPresent(Int.self, forKey: .maxSegments) ?? 3
        unaccenting = try container.decodeIfPresent(Unaccenting.self, forKey: .unaccenting) ?? .whenNeeded
        if let seconds = try container.decodeIfPresent(Double.self, forKey: .timeoutSeconds) {
            timeout = .milliseconds(Int64(seconds * 1000))
            connectTimeout = min(connectTimeout, timeout)
        }
    }

    /// Reads a gateway file (YAML, of which JSON is a subset).
    ///
    /// - Throws: `.configuration` naming the file and, where the parser knows it, the line.
    public static func load(path: String, channel: ChannelKind) throws(DeliveryError) -> GatewayConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw DeliveryError(
                .configuration,
                channel: channel,
                message: "cannot read gateway file \(path): \(error.localizedDescription)"
            )
        }
        do {
            return try YAMLDecoder().decode(GatewayConfiguration.self, from: text)
        } catch {
            throw DeliveryError(.configuration, channel: channel, message: "gateway file \(path): \(error)")
        }
    }
}
