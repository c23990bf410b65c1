import Foundation
import Testing
import WatchpostNotify

/// The call's TwiML escapes every value and asks for one key at the signed address; the
/// provider's signature covers the address and every field.
@Suite struct VoiceScriptTests {
    @Test func theScriptEscapesEveryValueAndAsksForOneKeyTwice() {
        let script = VoiceScript(
            message: "Trường <THCS> \"Bình Sơn\" & 'x'\u{7}",
            closing: "Xin cảm ơn.",
            language: "vi-VN",
            keypressURL: "https://w.example/v1/voice/keypress?delivery=d&sig=s"
        )
        let twiml = script.twiml
        #expect(twiml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"))
        #expect(twiml.contains("Trường &lt;THCS&gt; &quot;Bình Sơn&quot; &amp; &apos;x&apos;</Say>"))
        #expect(!twiml.contains("\u{7}"))
        #expect(
            twiml.components(separatedBy: "action=\"https://w.example/v1/voice/keypress?delivery=d&amp;sig=s\"").count
                == 3
        )
        #expect(twiml.contains("numDigits=\"1\""))
        #expect(twiml.hasSuffix("<Say language=\"vi-VN\">Xin cảm ơn.</Say></Response>"))
        let silent = VoiceScript(message: "m", closing: "c", language: "en-US", keypressURL: nil).twiml
        #expect(!silent.contains("<Gather"))
    }

    @Test func theProvidersSignatureCoversTheAddressAndEveryField() {
        let url = "https://watchpost.example/v1/voice/keypress?delivery=d&sig=s"
        let fields = [("Digits", "1"), ("CallSid", "CA1")]
        let signature = ProviderSignature.sign(url: url, parameters: fields, token: "token")
        #expect(ProviderSignature.isValid(signature, url: url, parameters: fields.reversed(), token: "token"))
        #expect(!ProviderSignature.isValid(signature, url: url + "x", parameters: fields, token: "token"))
        #expect(
            !ProviderSignature.isValid(
                signature,
                url: url,
                parameters: [("Digits", "2"), ("CallSid", "CA1")],
                token: "token"
            )
        )
        #expect(!ProviderSignature.isValid(signature, url: url, parameters: fields, token: "other"))
        #expect(!ProviderSignature.isValid(nil, url: url, parameters: fields, token: "token"))
        #expect(!ProviderSignature.isValid("not base64!", url: url, parameters: fields, token: "token"))
    }

    @Test func voiceSettingsNameWhatIsMissingOrWrong() throws {
        #expect(try VoiceConfiguration.fromEnvironment([:]) == nil)
        let missing = #expect(throws: DeliveryError.self) {
            try VoiceConfiguration.fromEnvironment(["WATCHPOST_VOICE_API_URL": "https://api.example/Accounts/A"])
        }
        #expect(
            missing?.message.contains("WATCHPOST_VOICE_ACCOUNT, WATCHPOST_VOICE_TOKEN, WATCHPOST_VOICE_FROM") == true
        )
        let complete = [
            "WATCHPOST_VOICE_API_URL": "https://api.example/Accounts/A/", "WATCHPOST_VOICE_ACCOUNT": "A",
            "WATCHPOST_VOICE_TOKEN": "t", "WATCHPOST_VOICE_FROM": "+84240000000",
        ]
        let configuration = try #require(try VoiceConfiguration.fromEnvironment(complete))
        #expect(configuration.apiURL == "https://api.example/Accounts/A")
        #expect(configuration.callLimit == .seconds(90))
        var wrong = complete
        wrong["WATCHPOST_VOICE_CALL_SECONDS"] = "600"
        let error = #expect(throws: DeliveryError.self) { try VoiceConfiguration.fromEnvironment(wrong) }
        #expect(error?.message.contains("WATCHPOST_VOICE_CALL_SECONDS") == true)
    }
}
