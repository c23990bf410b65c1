import Foundation

/// Zalo's JSON answers, read leniently: numbers may come as numbers or as text.
enum ZNSAnswer {
    /// A send answer: `{"error": 0, "message": …, "data": {"msg_id": …, "sent_time": …}}`.
    struct Send: Sendable, Hashable {
        var error: Int
        var message: String
        var messageID: String?
    }

    /// A token answer: `{"access_token": …, "refresh_token": …, "expires_in": "90000"}`, or an
    /// error (`error`, `error_name`, `error_description`).
    struct Token: Sendable, Hashable {
        var accessToken: String
        var refreshToken: String
        var expiresIn: Int
    }

    static func send(_ body: Data) -> Send? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            let error = integer(object["error"])
        else { return nil }
        let data = object["data"] as? [String: Any]
        return Send(
            error: error,
            message: object["message"] as? String ?? "",
            messageID: data.flatMap { text($0["msg_id"]) }
        )
    }

    /// The tokens, or the refusal's description.
    static func token(_ body: Data) -> Result<Token, TokenRefusal> {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            return .failure(TokenRefusal(description: "not a JSON object"))
        }
        if let access = text(object["access_token"]), let refresh = text(object["refresh_token"]),
            let expires = integer(object["expires_in"]), !access.isEmpty, !refresh.isEmpty, expires > 0
        {
            return .success(Token(accessToken: access, refreshToken: refresh, expiresIn: expires))
        }
        let code = integer(object["error"]).map { "error \($0)" } ?? "no tokens"
        let words = text(object["error_description"]) ?? text(object["error_name"]) ?? text(object["message"]) ?? ""
        return .failure(TokenRefusal(description: "\(code) \(words.prefix(200))"))
    }

    struct TokenRefusal: Error, CustomStringConvertible {
        var description: String
    }

    private static func integer(_ value: Any?) -> Int? {
        switch value {
        case let number as NSNumber: number.intValue
        case let text as String: Int(text)
        default: nil
        }
    }

    private static func text(_ value: Any?) -> String? {
        switch value {
        case let text as String: text
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }
}
