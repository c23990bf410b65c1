/// How to call one HTTP gateway (an SMS provider, a Zalo OA/ZNS bridge) for one message.
///
/// Every string may hold placeholders: `{{to}}`, `{{text}}`, `{{subject}}`,
/// `{{idempotency_key}}`, `{{locale}}`, for SMS also `{{encoding}}` (`gsm7`/`ucs2`) and
/// `{{segments}}`, and `{{env:NAME}}` for a value read from the environment when the request
/// is rendered (API keys: never written in the file). Values are escaped for where they
/// land: percent-encoded in the URL, JSON-string-escaped in a JSON body, form-encoded in a
/// form body; a header value must not end up with a line break.
///
/// In a file (YAML or JSON):
///
///     method: POST
///     url: https://sms.example.vn/v1/send?account={{env:SMS_ACCOUNT}}
///     headers:
///       Authorization: Bearer {{env:SMS_API_KEY}}
///     body:
///       json: '{"to": "{{to}}", "text": "{{text}}", "ref": "{{idempotency_key}}"}'
///     message_id_field: data.message_id
///
/// or `body: { form: { to: "{{to}}", text: "{{text}}" } }`.
public struct GatewayTemplate: Sendable, Hashable, Codable {
    /// The request body, with the placeholders still in it.
    public enum Body: Sendable, Hashable, Codable {
        /// JSON text; placeholders belong inside JSON string literals (`"{{text}}"`).
        case json(String)
        /// `application/x-www-form-urlencoded` fields, sent sorted by name.
        case form([String: String])

        private enum CodingKeys: String, CodingKey { case json, form }

        /// Decodes `{json: "…"}` or `{form: {name: value}}`.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let json = try container.decodeIfPresent(String.self, forKey: .json) {
                self = .json(json)
            } else if let form = try container.decodeIfPresent([String: String].self, forKey: .form) {
                self = .form(form)
            } else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "body needs a `json` or a `form` key")
                )
            }
        }

        /// Encodes in the same shape it is decoded from.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .json(let json): try container.encode(json, forKey: .json)
            case .form(let form): try container.encode(form, forKey: .form)
            }
        }
    }

    /// The HTTP method. Default: `POST`.
    public var method: String
    /// The URL template; must render to an `http` or `https` URL.
    public var url: String
    /// Header templates, sent sorted by name. Default: none.
    public var headers: [String: String]
    /// The body template. Default: none.
    public var body: Body?
    /// A dotted path (`data.message_id`) to the gateway's message id in a JSON answer, copied
    /// to the receipt. Default: none.
    public var messageIDField: String?

    /// Creates a template.
    public init(
        method: String = "POST",
        url: String,
        headers: [String: String] = [:],
        body: Body? = nil,
        messageIDField: String? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.messageIDField = messageIDField
    }

    private enum CodingKeys: String, CodingKey {
        case method, url, headers, body
        case messageIDField = "message_id_field"
    }

    /// Decodes a template; absent keys take their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        method = try container.decodeIfPresent(String.self, forKey: .method) ?? "POST"
        url = try container.decode(String.self, forKey: .url)
        headers = try container.decodeIfPresent([String: String].self, forKey: .headers) ?? [:]
        body = try container.decodeIfPresent(Body.self, forKey: .body)
        messageIDField = try container.decodeIfPresent(String.self, forKey: .messageIDField)
    }
}
