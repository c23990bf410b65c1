import Foundation
import WatchpostCore
import WatchpostNotify
import WatchpostStore

extension PeriodReport {
    /// The heading lines: period and scope in Asia/Ho_Chi_Minh time, Vietnamese with English in
    /// parentheses, as every format shows them above the tables.
    public var headingLines: [String] {
        var lines = [
            "Kỳ báo cáo (period): từ \(LocalTime.format(scope.from, locale: .vi)) đến trước "
                + "\(LocalTime.format(scope.to, locale: .vi)) (giờ Việt Nam, Asia/Ho_Chi_Minh)",
            "Kỳ trước để so sánh (previous period): từ \(LocalTime.format(scope.previousFrom, locale: .vi))",
        ]
        if let unit = scope.unitID { lines.append("Trường (school): \(unit)") }
        if let authority = scope.authorityID { lines.append("Cơ quan quản lý (authority): \(authority)") }
        lines.append("Lập lúc (generated): \(LocalTime.format(generatedAt, locale: .vi))")
        return lines
    }

    /// Markdown: a title, the heading lines, then every table with its note.
    public var markdown: String {
        var out = "# Báo cáo tình hình xử lý sự việc trên mạng xã hội (social-network incident report)\n\n"
        out += headingLines.map { "- \($0)\n" }.joined()
        for table in tables(durations: .text) {
            out += "\n## \(table.title)\n\n"
            guard !table.rows.isEmpty else {
                out += "Không có (none).\n"
                continue
            }
            out += "| " + table.headers.map(Self.markdownCell).joined(separator: " | ") + " |\n"
            out += "|" + String(repeating: " --- |", count: table.headers.count) + "\n"
            for row in table.rows { out += "| " + row.map(Self.markdownCell).joined(separator: " | ") + " |\n" }
            if let note = table.note { out += "\n\(note)\n" }
        }
        return out
    }

    /// One table as CSV (RFC 4180, CRLF line ends) with a UTF-8 byte order mark, so a
    /// spreadsheet reads the diacritics: one header row, then one row per line of the table.
    /// Durations are minutes.
    public func csv(table id: ReportTable.ID) -> [UInt8] {
        guard let table = tables(durations: .minutes).first(where: { $0.id == id }) else { return [] }
        var text = table.headers.map(Self.csvField).joined(separator: ",") + "\r\n"
        for row in table.rows { text += row.map(Self.csvField).joined(separator: ",") + "\r\n" }
        return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    }

    /// JSON: the report as stored (times ISO 8601 UTC, durations in seconds).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    private static func markdownCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
