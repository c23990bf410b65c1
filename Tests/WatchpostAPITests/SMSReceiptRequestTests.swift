import Foundation
import Testing

@testable import WatchpostAPI

/// The SMS gateway's delivery report, read without a server: the status words of common gateways
/// in any case, and every problem named by its own field.
struct SMSReceiptRequestTests {
    @Test(arguments: [
        ("delivered", "delivered"), ("DELIVRD", "delivered"), ("undelivered", "failed"), ("UNDELIV", "failed"),
        ("expired", "failed"), ("Rejected", "failed"), ("failed", "failed"), ("sent", "interim"),
        ("ACCEPTD", "interim"), ("buffered", "interim"),
    ])
    func aStatusWordOfTwilioVonageOrSMPPMeansDeliveredFailedOrInterim(word: String, outcome: String) throws {
        let body = #"{"message_id": "sms-1", "status": "\#(word)"}"#
        let report = try SMSReceiptRequest.parse(Array(body.utf8))
        #expect(report.outcome.rawValue == outcome)
        #expect(report.status == word.lowercased() && report.messageID == "sms-1" && report.at == nil)
    }

    @Test func theTimeAndErrorAreTakenAndToIsAccepted() throws {
        let body = #"""
            {"message_id": "sms-2", "status": "expired", "at": "2026-11-29T10:15:02+07:00", "error": "27",
             "to": "84900000016"}
            """#
        let report = try SMSReceiptRequest.parse(Array(body.utf8))
        #expect(report.at == Date(timeIntervalSince1970: 1_795_922_102))
        #expect(report.error == "27" && report.outcome.rawValue == "failed")
    }

    @Test func everyProblemIsNamedByItsField() {
        let body = #"{"message_id": "", "status": "read", "at": "yesterday", "error": 27, "price": "0.05"}"#
        do {
            _ = try SMSReceiptRequest.parse(Array(body.utf8))
            Issue.record("accepted a malformed report")
        } catch {
            #expect(error.code == .invalidBody)
            #expect(Set(error.problems.map(\.path)) == ["message_id", "status", "at", "error", "price"])
        }
    }

    @Test func aReportWithoutItsMessageIDAndStatusNamesBoth() {
        do {
            _ = try SMSReceiptRequest.parse(Array("{}".utf8))
            Issue.record("accepted an empty report")
        } catch {
            #expect(Set(error.problems.map(\.path)) == ["message_id", "status"])
        }
    }
}
