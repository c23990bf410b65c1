import Testing

@testable import WatchpostAPI

/// An action route's body, read without a server: every problem named by its own field, a
/// retry's identity given whole or not at all.
struct ActionRequestTests {
    @Test func anActionWithAnUnknownFieldAndAMissingActionNamesBoth() {
        do {
            _ = try ActionRequest.parse(Array(#"{"notes":"x"}"#.utf8), route: "/v1/incidents/{id}/actions")
            Issue.record("accepted an action without `action`")
        } catch {
            #expect(Set(error.problems.map(\.path)) == ["notes", "action"])
        }
    }

    @Test func anEventIDWithoutItsTimeIsRefused() {
        let body = #"{"event_id":"0b8f3a52-6c0e-4f43-9d1a-5a7c2e1d0001"}"#
        do {
            _ = try ActionRequest.parse(Array(body.utf8), route: "/v1/incidents/{id}/acknowledge")
            Issue.record("accepted an event_id without occurred_at")
        } catch {
            #expect(error.problems.map(\.path) == ["occurred_at"])
        }
    }

    @Test func anEmptyBodyAcknowledgesWithoutANote() throws {
        let request = try ActionRequest.parse([], route: "/v1/incidents/{id}/acknowledge")
        #expect(request.action == .acknowledge(note: nil))
        #expect(request.eventID == nil && request.occurredAt == nil)
    }
}
