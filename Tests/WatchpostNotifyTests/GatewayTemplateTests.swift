import Foundation
import Testing
import WatchpostNotify

struct GatewayTemplateTests {
    let message = OutboundMessage(
        subject: "Cảnh báo",
        body: "Cảnh báo \"khẩn\": 1&2=3",
        idempotencyKey: "d-42",
        locale: "vi"
    )
    let environment = ["SMS_API_KEY": "abc+/=", "SMS_ACCOUNT": "binh son"]

    @Test func jsonBodyEscapesQuotesNewlinesBackslashesAndKeepsVietnamese() throws {
        let template = GatewayTemplate(
            url: "https://sms.example.vn/v1/send",
            headers: ["Authorization": "Bearer {{env:SMS_API_KEY}}", "Idempotency-Key": "{{idempotency_key}}"],
            body: .json(#"{"to": "{{to}}", "text": "{{text}}", "ref": "{{ idempotency_key }}", "n": {{segments}}}"#)
        )
        let request = try template.render(
            message,
            to: "+84912345678",
            text: "Dòng 1 \"trích\"\nDòng 2\\ \t kết thúc\u{01}",
            channel: .sms,
            environment: environment,
            extraValues: ["segments": "2"]
        )
        #expect(
            request
                == RenderedRequest(
                    method: "POST",
                    url: "https://sms.example.vn/v1/send",
                    headers: [
                        HTTPHeader("Content-Type", "application/json; charset=utf-8"),
                        HTTPHeader("Authorization", "Bearer abc+/="),
                        HTTPHeader("Idempotency-Key", "d-42"),
                    ],
                    body: Data(
                        #"{"to": "+84912345678", "text": "Dòng 1 \"trích\"\nDòng 2\\ \t kết thúc\u0001", "ref": "d-42", "n": 2}"#
                            .utf8
                    )
                )
        )
    }

    @Test func formBodyAndURLArePercentEncoded() throws {
        let template = GatewayTemplate(
            method: "post",
            url: "https://sms.example.vn/send?account={{env:SMS_ACCOUNT}}&to={{to}}",
            body: .form(["key": "{{env:SMS_API_KEY}}", "text": "{{text}}", "to": "{{to}}"])
        )
        let request = try template.render(
            message,
            to: "+84 912 345 678",
            text: message.body,
            channel: .sms,
            environment: environment
        )
        #expect(request.method == "POST")
        #expect(request.url == "https://sms.example.vn/send?account=binh%20son&to=%2B84%20912%20345%20678")
        #expect(request.headers == [HTTPHeader("Content-Type", "application/x-www-form-urlencoded")])
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == "key=abc%2B%2F%3D&text=C%E1%BA%A3nh+b%C3%A1o+%22kh%E1%BA%A9n%22%3A+1%262%3D3&to=%2B84+912+345+678"
        )
    }

    @Test func missingEnvironmentVariableIsAConfigurationErrorNamingIt() {
        let template = GatewayTemplate(url: "https://sms.example.vn/send?key={{env:ZALO_OA_TOKEN}}")
        let error = #expect(throws: DeliveryError.self) {
            try template.render(message, to: "123", text: "x", channel: .zalo, environment: environment)
        }
        #expect(error?.code == .configuration)
        #expect(error?.message.contains("ZALO_OA_TOKEN") == true)
    }

    @Test func unknownPlaceholderInvalidJSONAndHeaderInjectionAreConfigurationErrors() {
        let cases: [GatewayTemplate] = [
            GatewayTemplate(url: "https://x.example/{{recipient}}"),
            GatewayTemplate(url: "https://x.example/", body: .json(#"{"text": {{text}}}"#)),
            GatewayTemplate(url: "https://x.example/", headers: ["X-Text": "{{text}}"]),
            GatewayTemplate(url: "ftp://x.example/"),
        ]
        for template in cases {
            let error = #expect(throws: DeliveryError.self) {
                try template.render(message, to: "1", text: "a\nb", channel: .sms, environment: environment)
            }
            #expect(error?.code == .configuration)
            #expect(error?.message.contains("abc+/=") == false)
        }
    }

    @Test func gatewayFileLoadsFromYAMLWithDefaults() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sms-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: path) }
        try """
        url: https://sms.example.vn/v1/send
        headers:
          Authorization: Bearer {{env:SMS_API_KEY}}
        body:
          json: '{"to": "{{to}}", "text": "{{text}}"}'
        message_id_field: data.message_id
        max_segments: 2
        unaccented: always
        timeout_seconds: 2.5
        """.write(to: path, atomically: true, encoding: .utf8)
        let configuration = try GatewayConfiguration.load(path: path.path, channel: .sms)
        #expect(configuration.template.method == "POST")
        #expect(configuration.template.body == .json(#"{"to": "{{to}}", "text": "{{text}}"}"#))
        #expect(configuration.template.messageIDField == "data.message_id")
        #expect(configuration.maxSegments == 2)
        #expect(configuration.unaccenting == .always)
        #expect(configuration.timeout == .milliseconds(2500))
    }

    @Test func brokenGatewayFileNamesTheFile() {
        let error = #expect(throws: DeliveryError.self) {
            try GatewayConfiguration.load(path: "/nonexistent/zalo.yaml", channel: .zalo)
        }
        #expect(error?.message.contains("/nonexistent/zalo.yaml") == true)
    }
}
