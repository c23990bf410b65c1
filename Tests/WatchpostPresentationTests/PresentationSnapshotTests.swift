import Foundation
import Testing
import WatchpostCore
import WatchpostPresentation
import WatchpostStore

/// The report document and the alerts, rendered from fixed fixtures and compared with the
/// snapshots kept in `Snapshots/`: a change to what an officer reads fails here until the
/// snapshot is re-recorded on purpose (`WATCHPOST_RECORD_SNAPSHOTS=1`) and the difference is seen
/// in review.
struct PresentationSnapshotTests {
    typealias F = TemplateFixture

    @Test func theReportDocumentRendersTheRecordedBytes() throws {
        let unscoped = ReportScope(from: ReportDocumentTests.november.from, to: ReportDocumentTests.november.to)
        let documents = [
            ("report-draft.vi.html", try ReportDocumentTests.document().html),
            ("report-numbered.vi.html", try ReportDocumentTests.document(number: "7").html),
            ("report-draft.en.html", try ReportDocumentTests.document().html(in: .en)),
            ("report-unscoped.vi.html", try ReportDocumentTests.document(unscoped).html),
        ]
        for (name, html) in documents {
            let difference = try Snapshot.compare(html, named: name)
            #expect(difference == nil, "\(difference ?? "")")
        }
    }

    @Test(arguments: IncidentCategory.allCases)
    func everyFirstAlertOfACategoryRendersTheRecordedText(category: IncidentCategory) throws {
        let scenario = try TemplateScenario(F.report(category, severity: .high))
        var renderer = try F.renderer()
        renderer.smsMaxSegments = 6
        var text = ""
        for alert in scenario.alerts {
            for locale in DisplayLocale.allCases {
                let context = try scenario.context(alert, locale: locale, now: F.t0)
                let message = renderer.render(context)
                text += "=== \(alert.recipient) \(alert.template.rawValue) \(locale.rawValue)\n"
                text += "subject: \(message.subject)\n\(message.body)\nsms: \(renderer.smsText(context))\n"
            }
        }
        let difference = try Snapshot.compare(text, named: "alerts-\(category.rawValue).txt")
        #expect(difference == nil, "\(difference ?? "")")
    }
}

/// The snapshot files of `Tests/WatchpostPresentationTests/Snapshots/`.
enum Snapshot {
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    }

    /// `nil` when `text` equals the snapshot `name`, otherwise where they first differ; with
    /// `WATCHPOST_RECORD_SNAPSHOTS=1` the snapshot is written instead. Line breaks between a tag's
    /// end and the next tag's start are not compared (templates put block elements on lines of
    /// their own).
    static func compare(_ text: String, named name: String) throws -> String? {
        let file = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["WATCHPOST_RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
            return nil
        }
        guard let saved = try? String(contentsOf: file, encoding: .utf8) else {
            return "\(name): no snapshot (record with WATCHPOST_RECORD_SNAPSHOTS=1)"
        }
        let got = Array(normalized(text).unicodeScalars)
        let want = Array(normalized(saved).unicodeScalars)
        guard got != want else { return nil }
        let at =
            zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
        func excerpt(_ scalars: [Unicode.Scalar]) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[max(0, at - 60)..<min(scalars.count, at + 100)])
            return String(view)
        }
        return "\(name), at \(at):\n  recorded: …\(excerpt(want))…\n  rendered: …\(excerpt(got))…"
    }

    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: #">[ \t]*\n\s*<"#, with: "><", options: .regularExpression)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
