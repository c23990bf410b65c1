/// What a call says and asks, written as TwiML, the XML the provider runs when the call is
/// answered: the message is read inside a one-digit `<Gather>` whose `action` is the signed
/// key-press address, so that pressing 1 acknowledges; the message is read a second time if
/// no key is pressed, then a closing sentence.
public struct VoiceScript: Sendable, Hashable {
    /// The message, read aloud.
    public var message: String
    /// The sentence read after the message when no key was pressed.
    public var closing: String
    /// The voice's language tag: `vi-VN` or `en-US`.
    public var language: String
    /// Where the provider posts the key pressed; `nil` asks for nothing.
    public var keypressURL: String?

    /// Creates a script.
    public init(message: String, closing: String, language: String, keypressURL: String?) {
        self.message = message
        self.closing = closing
        self.language = language
        self.keypressURL = keypressURL
    }

    /// The TwiML document.
    public var twiml: String {
        let say = "<Say language=\"\(Self.escape(language))\">\(Self.escape(message))</Say>"
        var body = ""
        if let keypressURL {
            let action = Self.escape(keypressURL)
            body += "<Gather numDigits=\"1\" timeout=\"8\" method=\"POST\" action=\"\(action)\">\(say)</Gather>"
            body += "<Gather numDigits=\"1\" timeout=\"8\" method=\"POST\" action=\"\(action)\">\(say)</Gather>"
        } else {
            body += say
        }
        body += "<Say language=\"\(Self.escape(language))\">\(Self.escape(closing))</Say>"
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>\(body)</Response>"
    }

    /// The one answer to a key press: a sentence, then the call ends.
    public static func answer(_ sentence: String, language: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say language=\"\(escape(language))\">"
            + "\(escape(sentence))</Say><Hangup/></Response>"
    }

    /// XML's five escapes, written by hand (D59): the document is two elements deep and every
    /// value goes through here.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}": continue
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
