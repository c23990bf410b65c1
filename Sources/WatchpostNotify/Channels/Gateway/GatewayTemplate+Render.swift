import Foundation
import WatchpostCore

extension GatewayTemplate {
    /// Renders the exact request for `message` to `address` with the (possibly shortened)
    /// `text`, reading `{{env:NAME}}` values from `environment`.
    ///
    /// - Throws: `.configuration` naming the problem: a missing environment variable, an
    ///   unknown placeholder, a body that is not valid JSON, a URL that is not http(s).
    public func render(
        _ message: OutboundMessage,
        to address: String,
        text: String,
        channel: ChannelKind,
        environment: [String: String],
        extraValues: [String: String] = [:]
    ) throws(DeliveryError) -> RenderedRequest {
        try renderWithSecrets(
            message,
            to: address,
            text: text,
            channel: channel,
            environment: environment,
            extraValues: extraValues
        ).request
    }

    /// `render` plus the environment values it used, which error messages must not show.
    func renderWithSecrets(
        _ message: OutboundMessage,
        to address: String,
        text: String,
        channel: ChannelKind,
        environment: [String: String],
        extraValues: [String: String]
    ) throws(DeliveryError) -> (request: RenderedRequest, secrets: [String]) {
        var named = [
            "to": address, "text": text, "subject": message.subject,
            "idempotency_key": message.idempotencyKey, "locale": message.locale,
        ]
        named.merge(extraValues) { _, extra in extra }
        var values = PlaceholderText.Values(named: named, environment: environment, channel: channel)

        let url = try PlaceholderText(template: url, origin: "url").render(
            &values,
            escape: GatewayEscaping.percentEncoded
        )
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            scheme == "http" || scheme == "https", parsed.host?.isEmpty == false
        else {
            throw DeliveryError(
                .configuration,
                channel: channel,
                message: "the \(channel.rawValue) gateway url does not render to an http(s) URL"
            )
        }

        var renderedHeaders: [HTTPHeader] = []
        let (bodyBytes, contentType) = try renderBody(&values)
        if let contentType, !headers.keys.contains(where: { $0.lowercased() == "content-type" }) {
            renderedHeaders.append(HTTPHeader("Content-Type", contentType))
        }
        for name in headers.keys.sorted() {
            let value = try PlaceholderText(template: headers[name] ?? "", origin: "header \(name)")
                .render(&values) { $0 }
            guard !value.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
                throw DeliveryError(
                    .configuration,
                    channel: channel,
                    message: "header \(name) of the \(channel.rawValue) gateway would contain a line break"
                )
            }
            renderedHeaders.append(HTTPHeader(name, value))
        }
        let request = RenderedRequest(method: method.uppercased(), url: url, headers: renderedHeaders, body: bodyBytes)
        return (request, values.usedSecrets)
    }

    private func renderBody(_ values: inout PlaceholderText.Values) throws(DeliveryError) -> (Data, String?) {
        switch body {
        case nil:
            return (Data(), nil)
        case .json(let template):
            let json = try PlaceholderText(template: template, origin: "json body")
                .render(&values, escape: GatewayEscaping.jsonStringContent)
            let bytes = Data(json.utf8)
            guard (try? JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed])) != nil else {
                throw DeliveryError(
                    .configuration,
                    channel: values.channel,
                    message:
                        "the \(values.channel.rawValue) gateway json body is not valid JSON once rendered (placeholders belong inside quotes)"
                )
            }
            return (bytes, "application/json; charset=utf-8")
        case .form(let fields):
            var pairs: [String] = []
            for name in fields.keys.sorted() {
                let value = try PlaceholderText(template: fields[name] ?? "", origin: "form field \(name)")
                    .render(&values) { $0 }
                pairs.append(GatewayEscaping.formEncoded(name) + "=" + GatewayEscaping.formEncoded(value))
            }
            return (Data(pairs.joined(separator: "&").utf8), "application/x-www-form-urlencoded")
        }
    }
}
