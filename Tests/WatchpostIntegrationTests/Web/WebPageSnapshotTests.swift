import Foundation
import HTTPTypes
import Testing
import WatchpostCore
import WatchpostStore

@testable import WatchpostAPI

/// Every page, in both languages, rendered from one fixed world (fixed ids, fixed times, a fixed
/// clock) and compared byte for byte with the snapshot kept in `Web/Snapshots/`. A change to a
/// page's markup or words fails here until the snapshot is re-recorded on purpose
/// (`WATCHPOST_RECORD_SNAPSHOTS=1`), so each difference is seen and explained in review.
///
/// Only what cannot be fixed is masked: the CSRF token of the forms.
@Suite(.serialized, .timeLimit(.minutes(10)))
struct WebPageSnapshotTests {
    /// 10:00 on Tuesday 1 December 2026, Vietnam time.
    static let now = Date(timeIntervalSince1970: 1_796_094_000)
    static let fresh = UUID(uuidString: "0b8f3a52-6c0e-4f43-9d1a-5a7c2e1d0001")!
    static let overdue = UUID(uuidString: "0b8f3a52-6c0e-4f43-9d1a-5a7c2e1d0002")!
    static let absent = UUID(uuidString: "0b8f3a52-6c0e-4f43-9d1a-5a7c2e1d0009")!

    @Test func everyPageRendersTheRecordedBytesInBothLanguages() async throws {
        try await APITestHarness.with(now: { Self.now }) { api in
            try await Self.seed(api)
            let principal = try await api.token(officer: WebScenario.principal, scopes: [.read, .act])
            let monitor = try await api.token(officer: WebScenario.monitor, scopes: [.read, .report])
            let invalidReport = WebHTML.formEncoded([
                ("school", WebScenario.school), ("urls", "not a link\n<b>\"x\"</b>"), ("summary", "  "),
                ("severity", "medium"),
            ])
            let pages: [(name: String, method: HTTPRequest.Method, path: String, token: String?, body: String?)] = [
                ("sign-in", .get, "/sign-in", nil, nil),
                ("me", .get, "/me", principal, nil),
                ("incident-fresh", .get, "/incidents/\(Self.fresh.canonicalString)", principal, nil),
                ("incident-overdue", .get, "/incidents/\(Self.overdue.canonicalString)", monitor, nil),
                ("report-form", .get, "/report", monitor, nil),
                ("report-form-problems", .post, "/report", monitor, invalidReport),
                ("overview", .get, "/overview", monitor, nil),
                ("period-report", .get, "/overview/report", monitor, nil),
                ("forbidden", .get, "/overview", principal, nil),
                ("not-found", .get, "/incidents/\(Self.absent.canonicalString)", principal, nil),
                ("absences", .get, "/absences", principal, nil),
                ("closures", .get, "/closures", monitor, nil),
                ("duty", .get, "/duty", monitor, nil),
            ]
            var differences: [String] = []
            for page in pages {
                for language in ["vi", "en"] {
                    let separator = page.path.contains("?") ? "&" : "?"
                    let response = try await api.request(
                        page.method,
                        page.path + separator + "lang=\(language)",
                        token: page.token,
                        body: page.body.map { Array($0.utf8) },
                        contentType: page.body == nil ? nil : WebPageTests.form,
                        headers: [.accept: "text/html"]
                    )
                    let name = "\(page.name).\(language).html"
                    if let difference = try PageSnapshot.compare(Self.masked(response.text), named: name) {
                        differences.append(difference)
                    }
                }
            }
            #expect(differences.isEmpty, "\(differences.joined(separator: "\n\n"))")
        }
    }

    /// The page with its CSRF token replaced by `CSRF`.
    static func masked(_ html: String) -> String {
        html.replacingOccurrences(
            of: #"name="csrf" value="[^"]*""#,
            with: #"name="csrf" value="CSRF""#,
            options: .regularExpression
        )
    }

    /// Two incidents of the commune's schools: one reported 30 minutes ago (the principal's
    /// acknowledgement open), one three hours ago, acknowledged, with an action recorded and its
    /// take-down overdue.
    static func seed(_ api: APITestHarness) async throws {
        let store = EventStore(
            pool: api.pool,
            directory: api.directory,
            policy: api.environment.policy,
            logger: APITestHarness.logger
        )
        let freshAt = now.addingTimeInterval(-30 * 60)
        let overdueAt = now.addingTimeInterval(-3 * 3600)
        let events: [(Event, Date)] = [
            (
                Event(
                    eventID: UUID(uuidString: "5a1d0c7e-0000-4000-8000-000000000001")!,
                    incidentID: fresh,
                    occurredAt: freshAt,
                    source: EventSource(kind: .officer, id: WebScenario.monitor),
                    unitID: WebScenario.school,
                    payload: .reported(
                        IncidentReported(
                            platform: .facebook,
                            urls: ["https://www.facebook.com/groups/phuhuynh-binhson/posts/1234567890"],
                            category: .unverifiedInformation,
                            severity: .medium,
                            subjects: [.teacher],
                            summary: "Bài đăng <b>\"lịch thi\"</b> & tin đồn về học kỳ.",
                            dedupKey: "https://www.facebook.com/groups/phuhuynh-binhson/posts/1234567890"
                        )
                    )
                ), freshAt
            ),
            (
                Event(
                    eventID: UUID(uuidString: "5a1d0c7e-0000-4000-8000-000000000002")!,
                    incidentID: overdue,
                    occurredAt: overdueAt,
                    source: EventSource(kind: .officer, id: WebScenario.monitor),
                    unitID: WebScenario.school,
                    payload: .reported(
                        IncidentReported(
                            platform: .tiktok,
                            urls: ["https://www.tiktok.com/@example/video/7300000000000000001"],
                            category: .schoolViolence,
                            severity: .high,
                            subjects: [.student],
                            summary: "Video quay cảnh học sinh xô xát trước cổng trường được chia sẻ nhiều lần.",
                            dedupKey: "https://www.tiktok.com/@example/video/7300000000000000001"
                        )
                    )
                ), overdueAt
            ),
            (
                Event(
                    eventID: UUID(uuidString: "5a1d0c7e-0000-4000-8000-000000000003")!,
                    incidentID: overdue,
                    occurredAt: overdueAt.addingTimeInterval(40 * 60),
                    source: EventSource(kind: .officer, id: WebScenario.principal),
                    unitID: WebScenario.school,
                    payload: .acknowledged(IncidentAcknowledged(note: "Đã nắm sự việc, đang xác minh."))
                ), overdueAt.addingTimeInterval(40 * 60)
            ),
            (
                Event(
                    eventID: UUID(uuidString: "5a1d0c7e-0000-4000-8000-000000000004")!,
                    incidentID: overdue,
                    occurredAt: overdueAt.addingTimeInterval(90 * 60),
                    source: EventSource(kind: .officer, id: WebScenario.principal),
                    unitID: WebScenario.school,
                    payload: .actionRecorded(
                        ActionRecorded(
                            action: .parentsInformed,
                            note: "Đã mời phụ huynh hai em đến trường.",
                            evidenceURL: "https://example.edu.vn/bien-ban?so=1&x=\"2\""
                        )
                    )
                ), overdueAt.addingTimeInterval(90 * 60)
            ),
        ]
        for (offset, (event, at)) in events.enumerated() {
            let inbound = InboundEvent(
                event: event,
                topic: "seed",
                partition: 0,
                offset: Int64(offset),
                raw: EventEncoder().encode(event)
            )
            _ = try await store.applyRetrying([inbound], now: at)
        }
    }
}

/// The snapshot files of `Tests/WatchpostIntegrationTests/Web/Snapshots/`.
enum PageSnapshot {
    static var folder: URL {
        PipelinePaths.root.appendingPathComponent("Tests/WatchpostIntegrationTests/Web/Snapshots")
    }

    /// `nil` when `html` equals the snapshot `name`; otherwise where they first differ. With
    /// `WATCHPOST_RECORD_SNAPSHOTS=1` the snapshot is written instead, and `nil` returned.
    ///
    /// Both sides are compared after `normalized`: the templates put block elements on lines of
    /// their own, which changes no rendered text.
    static func compare(_ html: String, named name: String) throws -> String? {
        let file = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["WATCHPOST_RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(html.utf8).write(to: file)
            return nil
        }
        guard let saved = try? String(contentsOf: file, encoding: .utf8) else {
            return "\(name): no snapshot (record with WATCHPOST_RECORD_SNAPSHOTS=1)"
        }
        let html = normalized(html)
        let recorded = normalized(saved)
        guard recorded != html else { return nil }
        let got = Array(html.unicodeScalars)
        let want = Array(recorded.unicodeScalars)
        let at =
            zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
        func excerpt(_ scalars: [Unicode.Scalar]) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[max(0, at - 60)..<min(scalars.count, at + 100)])
            return String(view)
        }
        return "\(name), at \(at):\n  recorded: …\(excerpt(want))…\n  rendered: …\(excerpt(got))…"
    }

    /// `html` without the line breaks (and the indentation after them) between a tag's end and
    /// the next tag's start, and without trailing white space.
    static func normalized(_ html: String) -> String {
        html.replacingOccurrences(of: #">[ \t]*\n\s*<"#, with: "><", options: .regularExpression)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
