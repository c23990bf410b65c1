import Foundation
import WatchpostFuzz

/// `watchpost-fuzz [--inputs N] [--seed S] [--target decoder|directory|policy|api|all] [--root PATH]`:
/// the long mode. Prints the counts per target and per rejection kind; on a broken property it
/// saves the input to `Tests/Fuzz/corpus/<target>/<sha256>.bin` and exits with status 1. A
/// crash leaves the input in `Tests/Fuzz/corpus/<target>/crash-pending.bin` (scripts/fuzz
/// renames it by its SHA-256).
struct FuzzCommand {
    var inputs = 10_000
    var seed: UInt64 = 14
    var targets = FuzzTargets.names
    var root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)

    static let usage =
        "usage: watchpost-fuzz [--inputs N] [--seed S] [--target decoder|directory|policy|api|all] [--root PATH]"

    init(arguments: [String]) throws {
        var rest = arguments[...]
        while let option = rest.popFirst() {
            guard let value = rest.popFirst() else { throw UsageError(Self.usage) }
            switch option {
            case "--inputs":
                guard let number = Int(value), number > 0 else { throw UsageError("--inputs needs a positive number") }
                inputs = number
            case "--seed":
                guard let number = UInt64(value) else { throw UsageError("--seed needs a number") }
                seed = number
            case "--target":
                guard value == "all" || FuzzTargets.names.contains(value) else { throw UsageError(Self.usage) }
                targets = value == "all" ? FuzzTargets.names : [value]
            case "--root": root = URL(fileURLWithPath: value, isDirectory: true)
            default: throw UsageError(Self.usage)
            }
        }
    }

    /// Runs every chosen target; false when a property broke.
    func run() throws -> Bool {
        let corpus = FuzzCorpus(root: root)
        CrashCapture.install(maximumSize: 1 << 20)
        print("watchpost-fuzz: seed \(seed), \(inputs) inputs per target")
        var passed = true
        for target in try FuzzTargets.all(root: root) where targets.contains(target.name) {
            let pending = corpus.folder.appendingPathComponent("\(target.name)/crash-pending.bin")
            try FileManager.default.createDirectory(
                at: pending.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            CrashCapture.writeCrashes(to: pending.path)
            let replayed = FuzzRunner(target: target).replay(corpus.inputs(of: target.name))
            for (name, violation) in replayed {
                print("FAIL \(target.name): corpus input \(name): \(violation)")
                passed = false
            }
            let start = ContinuousClock.now
            let report = FuzzRunner(target: target).run(count: inputs, seed: seed, willCheck: CrashCapture.keep)
            print(Self.summary(report, elapsed: ContinuousClock.now - start))
            if let failure = report.failure {
                let file = try corpus.save(failure.input, target: target.name)
                print("FAIL \(target.name): input #\(report.inputs) of seed \(seed): \(failure.violation)")
                print("     saved to \(file.path)")
                passed = false
            }
        }
        return passed
    }

    private static func summary(_ report: FuzzRunner.Report, elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var lines = [
            "\(report.target): \(report.inputs) inputs in \(String(format: "%.1f", seconds)) s, "
                + "\(report.accepted) accepted, \(report.inputs - report.accepted) rejected"
        ]
        let sorted = report.counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        for (label, count) in sorted.prefix(30) {
            let number = String(count)
            lines.append(String(repeating: " ", count: max(2, 11 - number.count)) + number + "  " + label)
        }
        if sorted.count > 30 { lines.append("  … and \(sorted.count - 30) other kinds") }
        return lines.joined(separator: "\n")
    }
}

/// A bad command line; the message says what to type.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
