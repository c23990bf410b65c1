import Foundation
import Testing
import WatchpostCore
import WatchpostPresentation
import WatchpostPipeline
import WatchpostStore
import WatchpostTestSupport

/// The HTML report of `ReportHistory` printed to PDF by headless Chromium, as an operator would,
/// and read back with poppler: A4 pages, the same number each time, the document's fixed words in
/// its text, every letter in the document's serif font, and one image per page. `scripts/test`
/// installs chromium, poppler-utils and fonts-liberation2; without them the test fails.
///
/// With `WATCHPOST_SCREENSHOTS_DIR` set (`docs/screenshots` for the docs), page 1 is also saved
/// there as `report-page-1.png` at 100 dpi.
@Suite(.timeLimit(.minutes(5)))
struct ReportPrintTests {
    private typealias H = ReportHistory

    @Test func theSeededReportPrintsToTheSameA4PagesTwiceWithItsHeadingAndRecipients() async throws {
        try await StoreTestDatabase.with(prepare: false) { pool in
            try await H.seed(pool)
            let report = try await PeriodReport.read(
                from: pool,
                scope: ReportScope(from: H.from, to: H.to, authorityID: H.authority),
                now: H.to
            )
            let document = ReportDocument(report: report, directory: try StoreFixture.directory(), date: H.to)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "report-print-\(UUID().uuidString)"
            )
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let page = folder.appendingPathComponent("report.html")
            try Data(try document.html.utf8).write(to: page)

            let chromium = try PrintTools.chromium()
            var pageCounts: [Int] = []
            for attempt in 1...2 {
                let pdf = folder.appendingPathComponent("report-\(attempt).pdf")
                let run = try await PrintTools.run(
                    chromium,
                    [
                        "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        // A profile of its own, so a browser started by another test cannot hold its lock.
                        "--user-data-dir=\(folder.appendingPathComponent("profile-\(attempt)").path)",
                        "--print-to-pdf=\(pdf.path)", page.absoluteString,
                    ]
                )
                #expect(run.status == 0, "chromium failed: \(run.stderr)")
                let info = try await PrintTools.run(try PrintTools.poppler("pdfinfo"), [pdf.path])
                #expect(info.status == 0, "pdfinfo failed: \(info.stderr)")
                let pages = try #require(PrintTools.field("Pages", in: info.stdout).flatMap { Int($0) })
                let size = try #require(PrintTools.field("Page size", in: info.stdout))
                let points = size.split(separator: " ").compactMap { Double($0)?.rounded() }
                #expect(points.prefix(2) == [595, 842], "not A4 portrait: \(size)")
                pageCounts.append(pages)
            }
            #expect(pageCounts[0] >= 1 && pageCounts[0] == pageCounts[1], "pages: \(pageCounts)")

            let pdf = folder.appendingPathComponent("report-1.pdf")
            let text = try await PrintTools.run(try PrintTools.poppler("pdftotext"), [pdf.path, "-"])
            let words = text.stdout.precomposedStringWithCanonicalMapping
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            for expected in [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO", "Nơi nhận", "PHÒNG VĂN HÓA - XÃ HỘI", "Đinh Hữu Nhân",
            ] {
                #expect(words.contains(expected), "the PDF's text lacks \(expected)")
            }

            // A font without some Vietnamese letter would print them in a fallback font instead.
            let fonts = try await PrintTools.run(try PrintTools.poppler("pdffonts"), [pdf.path])
            let names = fonts.stdout.split(separator: "\n").drop { !$0.hasPrefix("---") }.dropFirst()
                .compactMap { $0.split(separator: " ").first?.split(separator: "+").last.map(String.init) }
            #expect(
                !names.isEmpty && names.allSatisfy { $0.hasPrefix("LiberationSerif") || $0.hasPrefix("TimesNewRoman") },
                "fonts: \(names)"
            )

            let images = folder.appendingPathComponent("images")
            try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
            let pdftoppm = try PrintTools.poppler("pdftoppm")
            let raster = try await PrintTools.run(
                pdftoppm,
                ["-png", "-r", "60", pdf.path, images.appendingPathComponent("page").path]
            )
            #expect(raster.status == 0, "pdftoppm failed: \(raster.stderr)")
            let pngs = try FileManager.default.contentsOfDirectory(atPath: images.path).filter { $0.hasSuffix(".png") }
            #expect(pngs.count == pageCounts[0], "\(pngs.sorted())")

            if let screenshots = ProcessInfo.processInfo.environment["WATCHPOST_SCREENSHOTS_DIR"] {
                let target = URL(fileURLWithPath: screenshots).appendingPathComponent("report-page-1").path
                let first = try await PrintTools.run(pdftoppm, ["-png", "-r", "100", "-singlefile", pdf.path, target])
                #expect(first.status == 0, "pdftoppm failed: \(first.stderr)")
            }
        }
    }
}

/// The programs the print test runs, found on PATH, and a way to run one to its end.
enum PrintTools {
    /// Chromium: `WATCHPOST_CHROMIUM`, else `chromium` or `chromium-browser` on PATH.
    static func chromium() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["WATCHPOST_CHROMIUM"] { return URL(fileURLWithPath: path) }
        return try #require(
            find("chromium") ?? find("chromium-browser"),
            "chromium is not installed: scripts/test installs the apt package chromium, or set WATCHPOST_CHROMIUM"
        )
    }

    /// `pdfinfo`, `pdffonts`, `pdftotext` or `pdftoppm`.
    static func poppler(_ name: String) throws -> URL {
        try #require(find(name), "\(name) is not installed: scripts/test installs the apt package poppler-utils")
    }

    /// The first executable `name` in a folder of PATH.
    static func find(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The value of `name:` in pdfinfo's output, e.g. "595.92 x 842.88 pts (A4)" for "Page size".
    static func field(_ name: String, in output: String) -> String? {
        output.split(separator: "\n").first { $0.hasPrefix("\(name):") }
            .map { $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces) }
    }

    /// Runs `executable` with `arguments` until it exits.
    static func run(_ executable: URL, _ arguments: [String]) async throws -> ChildProcess.Finished {
        try await ChildProcess.capture(executable.path, arguments)
    }
}
