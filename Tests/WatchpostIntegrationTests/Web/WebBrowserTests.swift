import Foundation
import Testing
import WatchpostCore
import WatchpostStore
import WatchpostTestSupport

/// The pages in a real browser: `scripts/browser-check` drives headless Chromium through the
/// sign-in page, "Việc của tôi", an incident, a merged duplicate and its survivor, the report
/// form and the overview, at phone and desktop width, and fails on any console error (a blocked
/// style or script included, since the content-security policy forbids both inline), and when
/// the primary action of the incident page (acknowledge) or of the merged one (unmerge) is not
/// on the first phone screen.
///
/// The screenshots go to a temporary folder, or to `WATCHPOST_SCREENSHOTS_DIR` when set
/// (`docs/screenshots` for the README).
@Suite(.serialized, .timeLimit(.minutes(15)))
struct WebBrowserTests {
    @Test func pagesRenderInHeadlessChromiumWithoutConsoleErrorsAtPhoneAndDesktopWidth() async throws {
        try await WebTestStack.with { stack in
            let incident = try await WebScenario.reportThroughTheForm(stack, by: WebScenario.monitor)
            try await waitUntil("the worker opens the principal's acknowledgement", timeout: .seconds(120)) {
                try await stack.scalar(
                    "SELECT count(*) FROM obligations WHERE incident_id = \(incident) AND status = 'open'",
                    as: Int64.self
                ) ?? 0 > 0
            }
            try await WebBrowserTests.seedOverdueIncident(stack)
            let merged = try await WebBrowserTests.seedMergedDuplicate(stack)

            let environment = ProcessInfo.processInfo.environment
            let folder =
                environment["WATCHPOST_SCREENSHOTS_DIR"].map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                    "watchpost-screens-\(UUID().uuidString)"
                )
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let output = try await WebBrowserTests.browserCheck([
                "--base-url", stack.baseURL,
                "--out", folder.path,
                "--code-url", stack.receiver.codeURL,
                "--visit",
                "\(WebScenario.principal):me=/me,incident=/incidents/\(incident.canonicalString),absences=/absences",
                "--visit",
                "\(WebScenario.monitor):report=/report,overview=/overview,period-report=/overview/report,closures=/closures,duty=/duty,"
                    + "merged=/incidents/\(merged.duplicate.canonicalString),survivor=/incidents/\(merged.survivor.canonicalString)",
                // The principal has not acknowledged yet: the button is on the first phone screen;
                // so is the authority's unmerge of a merged duplicate, under the notice that names its survivor.
                "--primary", "incident", "--primary", "merged",
            ])
            #expect(output.status == 0, "scripts/browser-check failed:\n\(output.text)")
            for page in [
                "sign-in", "me", "incident", "absences", "report", "overview", "period-report", "closures", "duty",
                "merged", "survivor",
            ] {
                for width in ["phone", "desktop"] {
                    let file = folder.appendingPathComponent("\(page)-\(width).png")
                    #expect(
                        FileManager.default.fileExists(atPath: file.path),
                        "no screenshot \(file.lastPathComponent)"
                    )
                }
            }
        }
    }

    /// An incident at another school of the same authority, reported three hours ago, so the
    /// principal's two-hour acknowledgement is overdue and the overview has something to show.
    static func seedOverdueIncident(_ stack: WebTestStack) async throws {
        let reportedAt = Date().addingTimeInterval(-3 * 3600)
        let event = Event(
            eventID: UUID(),
            incidentID: UUID(),
            occurredAt: reportedAt,
            source: EventSource(kind: .officer, id: WebScenario.monitor),
            unitID: "th-binh-long",
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
        )
        let store = EventStore(
            pool: stack.environment.pool,
            directory: stack.directory,
            policy: stack.environment.policy,
            logger: PipelineInProcessWorker.logger
        )
        let inbound = InboundEvent(
            event: event,
            topic: "seed",
            partition: 0,
            offset: 0,
            raw: EventEncoder().encode(event)
        )
        _ = try await store.applyRetrying([inbound], now: reportedAt)
    }

    /// Runs `scripts/browser-check` with `arguments`; returns its exit status and output.
    static func browserCheck(_ arguments: [String]) async throws -> (status: Int32, text: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent(
            "browser-check-\(UUID().uuidString).log"
        )
        defer { try? FileManager.default.removeItem(at: log) }
        let process = try ChildProcess(
            "/usr/bin/env",
            ["python3", PipelinePaths.root.appendingPathComponent("scripts/browser-check").path] + arguments,
            stdout: .file(log.path),
            stderr: .standardOutput
        )
        try await waitUntil("scripts/browser-check finishes", timeout: .seconds(600), every: .milliseconds(250)) {
            !process.isRunning
        }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return (process.exitStatus ?? -1, text)
    }
}
