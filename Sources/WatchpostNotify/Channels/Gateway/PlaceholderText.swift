import Foundation
import WatchpostCore

/// A string with `{{name}}` placeholders, rendered with a context-specific escaping.
struct PlaceholderText {
    /// Where a rendered value lands, which decides how it is escaped.
    enum Context: String {
        case url, header, jsonBody = "json body", formBody = "form body"
    }

    /// The values placeholders resolve to, and the environment for `{{env:NAME}}`.
    struct Values {
        var named: [String: String]
        var environment: [String: String]
        var channel: ChannelKind
        /// Environment values used while rendering: secrets to redact from error messages.
        var usedSecrets: [String] = []
    }

    let template: String
    /// Where the template came from, for error messages (`url`, `header Authorization`).
    let origin: String

    /// The template with every placeholder replaced by `escape(value)`.
    func render(_ values: inout Values, escape: (String) -> String) throws(DeliveryError) -> String {
        var output = ""
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw DeliveryError(
                    .configuration,
                    channel: values.channel,
                    message: "unclosed {{ in the \(values.channel.rawValue) gateway \(origin)"
                )
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            output += escape(try resolve(name, &values))
            rest = rest[close.upperBound...]
        }
        return output + rest
    }

    private func resolve(_ name: String, _ values: inout Values) throws(DeliveryError) -> String {
        if name.hasPrefix("env:") {
            let variable = String(name.dropFirst(4))
            guard let value = values.environment[variable], !value.isEmpty else {
                throw DeliveryError(
                    .configuration,
                    channel: values.channel,
                    message:
                        "environment variable \(variable) is not set (used by the \(values.channel.rawValue) gateway \(origin))"
                )
            }
            values.usedSecrets.append(value)
            return value
        }
        guard let value = values.named[name] else {
            let known = values.named.keys.sorted().joined(separator: ", ")
            throw DeliveryError(
                .configuration,
                channel: values.channel,
                message:
                    "unknown placeholder {{\(name)}} in the \(values.channel.rawValue) gateway \(origin); known: \(known), env:NAME"
            )
        }
        return value
    }
}
