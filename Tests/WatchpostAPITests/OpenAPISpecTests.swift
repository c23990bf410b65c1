import Foundation
import Testing
import Yams

@testable import WatchpostAPI

/// The OpenAPI document the API ships (`OpenAPIDocument`, served at `/openapi.yaml`) documents
/// every operation's responses and parameters, every field of every answer, and every error code;
/// read without a server. `APIOpenAPITests` checks the served routes against it.
struct OpenAPISpecTests {
    static let methods = ["get", "put", "post", "delete", "patch", "head", "options"]

    @Test func everyOperationDocumentsItsResponsesAndEveryPathParameter() throws {
        let text = String(decoding: OpenAPIFile.bytes, as: UTF8.self)
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let schemes = (document["components"] as? [String: Any])?["securitySchemes"] as? [String: Any]
        #expect(
            Set(schemes?.keys.map { $0 } ?? []) == [
                "bearer", "session", "gatewayKey", "gatewaySignature", "keypressSignature", "zaloSignature",
            ]
        )
        for (path, item) in paths {
            let pathParameters = (item["parameters"] as? [[String: Any]]) ?? []
            for method in Self.methods {
                guard let operation = item[method] as? [String: Any] else { continue }
                let responses = operation["responses"] as? [String: Any] ?? [:]
                #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(method) \(path) documents no success")
                #expect(responses["401"] != nil, "\(method) \(path) documents no 401")
                let security = (operation["security"] as? [[String: Any]])?.flatMap(\.keys) ?? []
                #expect(
                    security.allSatisfy { !$0.hasPrefix("gateway") && $0 != "keypressSignature" }
                        || ["/v1/sms/inbound", "/v1/sms/receipts", "/v1/voice/keypress"].contains(path),
                    "\(method) \(path): the gateway's schemes are for its own route only"
                )
                let parameters = pathParameters + ((operation["parameters"] as? [[String: Any]]) ?? [])
                for name in path.split(separator: "/").filter({ $0.hasPrefix("{") }).map({
                    String($0.dropFirst().dropLast())
                }) {
                    #expect(
                        parameters.contains { $0["name"] as? String == name || $0["$ref"] != nil },
                        "\(method) \(path): {\(name)}"
                    )
                }
            }
        }
    }
}

extension OpenAPISpecTests {
    /// The keys of each JSON body the routes answer with (their `CodingKeys`) are exactly the
    /// properties /openapi.yaml documents for it: a field added on one side only fails here.
    @Test func everyResponseBodyHasExactlyTheFieldsTheSpecDocuments() throws {
        let text = String(decoding: OpenAPIFile.bytes, as: UTF8.self)
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        func properties(_ schema: Any?, _ path: [String]) throws -> Set<String> {
            var node = schema
            for key in path {
                if let index = Int(key) {
                    node = (node as? [Any])?[index]
                } else {
                    node = (node as? [String: Any])?[key]
                }
            }
            let object = try #require(node as? [String: Any], "no schema at \(path)")
            return Set((object["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
        }
        func keys<K: CodingKey & CaseIterable>(_: K.Type) -> Set<String> { Set(K.allCases.map(\.stringValue)) }
        typealias Detail = IncidentDetailBody
        let checks: [(what: String, documented: Set<String>, encoded: Set<String>)] = [
            (
                "Obligation", try properties(schemas["Obligation"], []),
                keys(ObligationBody.CodingKeys.self).subtracting(["incident"])
            ),
            (
                "OwedObligation.incident",
                try properties(schemas["OwedObligation"], ["allOf", "1", "properties", "incident"]),
                keys(ObligationBody.IncidentRef.CodingKeys.self)
            ),
            (
                "IncidentListItem", try properties(schemas["IncidentListItem"], []),
                keys(IncidentListItemBody.CodingKeys.self)
            ),
            ("IncidentDetail", try properties(schemas["IncidentDetail"], []), keys(Detail.CodingKeys.self)),
            (
                "IncidentDetail.incident", try properties(schemas["IncidentDetail"], ["properties", "incident"]),
                keys(Detail.Incident.CodingKeys.self)
            ),
            (
                "IncidentDetail.evidence",
                try properties(schemas["IncidentDetail"], ["properties", "evidence", "items"]),
                keys(Detail.EvidenceBody.CodingKeys.self)
            ),
            (
                "IncidentDetail.events", try properties(schemas["IncidentDetail"], ["properties", "events", "items"]),
                keys(Detail.EventBody.CodingKeys.self)
            ),
            (
                "IncidentDetail.alerts", try properties(schemas["IncidentDetail"], ["properties", "alerts", "items"]),
                keys(Detail.AlertBody.CodingKeys.self)
            ),
            (
                "IncidentDetail.alerts.delivery",
                try properties(schemas["IncidentDetail"], ["properties", "alerts", "items", "properties", "delivery"]),
                keys(Detail.AlertBody.Delivery.CodingKeys.self)
            ),
            ("Declaration", try properties(schemas["Declaration"], []), keys(DeclarationBody.CodingKeys.self)),
            ("SMSReply", try properties(schemas["SMSReply"], []), keys(SMSReplyBody.CodingKeys.self)),
            ("SMSReceipt", try properties(schemas["SMSReceipt"], []), keys(SMSReceiptBody.CodingKeys.self)),
            ("RelatedIncident", try properties(schemas["RelatedIncident"], []), keys(RelatedBody.CodingKeys.self)),
            ("IncidentMerge", try properties(schemas["IncidentMerge"], []), keys(MergeBody.CodingKeys.self)),
            (
                "IncidentDetail.events.source",
                try properties(schemas["IncidentDetail"], ["properties", "events", "items", "properties", "source"]),
                keys(SourceBody.CodingKeys.self)
            ),
        ]
        for check in checks {
            #expect(
                check.documented == check.encoded,
                "\(check.what): documented only \(check.documented.subtracting(check.encoded).sorted()), encoded only \(check.encoded.subtracting(check.documented).sorted())"
            )
        }
    }

    @Test func theSpecListsExactlyTheErrorCodesTheAPIAnswersWith() throws {
        let text = String(decoding: OpenAPIFile.bytes, as: UTF8.self)
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
        let error = (schemas?["Error"] as? [String: Any])?["properties"] as? [String: Any]
        let listed = try #require((error?["error"] as? [String: Any])?["enum"] as? [String])
        #expect(Set(listed) == Set(APIErrorCode.allCases.map(\.rawValue)))
        #expect(listed.count == APIErrorCode.allCases.count)
    }
}

/// The document as the API ships it.
enum OpenAPIFile {
    static var bytes: [UInt8] { OpenAPIDocument.bytes }
}
