import Foundation
import WatchpostCore

/// What `watchpost publish` prints: receipts on stdout, problems on stderr (and stdout with `--json`).
struct PublishOutput: Sendable {
    /// Print JSON instead of lines.
    var json: Bool

    /// Which flag sets each envelope field, so a problem names what to retype.
    static let flags: [String: String] = [
        "unit_id": "--unit", "incident_id": "--incident", "source": "--officer or --source",
        "source.id": "--officer or --source", "source.kind": "--source",
        "data.platform": "--platform", "data.urls": "--url", "data.category": "--category",
        "data.severity": "--severity", "data.subjects": "--subject", "data.summary": "--summary",
        "data.dedup_key": "--dedup-key", "data.note": "--note", "data.action": "--action",
        "data.evidence_url": "--evidence-url", "data.level": "--level", "data.reason": "--reason",
        "data.added_urls": "--add-url", "data.added_subjects": "--add-subject",
    ]

    func receipts(_ receipts: [PublishReceipt]) {
        for receipt in receipts { Self.out(json ? receipt.json : receipt.line) }
    }

    func envelopes(_ events: [ValidatedEvent]) {
        for event in events { Self.out(String(decoding: event.bytes, as: UTF8.self)) }
    }

    /// Prints every problem as `field: reason`, with the flag to fix when the input came from flags.
    func rejected(_ items: [(label: String?, rejection: EventRejection)], fromFlags: Bool) {
        let count = items.reduce(0) { $0 + $1.rejection.problems.count }
        Self.err(
            "watchpost publish: dữ liệu không hợp lệ, chưa gửi gì (invalid input, nothing sent): "
                + "\(count) problem\(count == 1 ? "" : "s")"
        )
        var objects: [DraftJSON] = []
        for (label, rejection) in items {
            for problem in rejection.problems {
                var line = "  " + (label.map { "\($0): " } ?? "") + problem.description
                if fromFlags, let flag = Self.flag(for: problem.path) { line += "  [\(flag)]" }
                Self.err(line)
                var members: [(String, DraftJSON)] = [
                    ("field", .string(problem.path.isEmpty ? "input" : problem.path)),
                    ("code", .string(problem.code.rawValue)),
                    ("reason", .string(problem.reason)),
                ]
                if let label { members.insert(("input", .string(label)), at: 0) }
                objects.append(.object(members))
            }
        }
        if json {
            Self.out(DraftJSON.object([("status", .string("rejected")), ("problems", .array(objects))]).rendered)
        }
    }

    func failed(_ message: String, hint: String? = nil) {
        Self.err("watchpost publish: chưa gửi được (not sent): \(message)")
        if let hint { Self.err("  \(hint)") }
        if json {
            Self.out(DraftJSON.object([("status", .string("failed")), ("error", .string(message))]).rendered)
        }
    }

    /// Prints the envelopes that were not confirmed, so the very same events (same `event_id`:
    /// stored once even if the first attempt did arrive) can be retried with `report --file`.
    func unsent(_ events: [ValidatedEvent]) {
        guard !events.isEmpty else { return }
        Self.err(
            "  to retry the same event(s) safely, save these lines to a file and run `watchpost publish report --file FILE`:"
        )
        for event in events { Self.err(String(decoding: event.bytes, as: UTF8.self)) }
    }

    private static func flag(for path: String) -> String? {
        let field = path.split(separator: "[", maxSplits: 1).first.map(String.init) ?? path
        return flags[field]
    }

    private static func out(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    private static func err(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
