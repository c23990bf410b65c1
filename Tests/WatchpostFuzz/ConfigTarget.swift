import WatchpostCore

/// Fuzzes a YAML configuration loader (`Directory.load` or `Policy.load`): text becomes a value
/// or a `ConfigError` whose every problem names the file, a line of it, and what is wrong.
public struct ConfigTarget: FuzzTarget {
    /// The target\'s name on the command line and in the corpus.
    public let name: String
    private let file: String
    private let seed: [Substring]
    private let other: [Substring]
    private let load: @Sendable (String, String) -> ConfigError?

    /// Fuzzes `Directory.load(yaml:file:)` from the text of `Config/directory.yaml`.
    public static func directory(seed: String, other: String) -> ConfigTarget {
        ConfigTarget(name: "directory", file: "directory.yaml", seed: seed, other: other) { yaml, file in
            do throws(ConfigError) {
                _ = try Directory.load(yaml: yaml, file: file)
                return nil
            } catch { return error }
        }
    }

    /// Fuzzes `Policy.load(yaml:file:)` from the text of `Config/routing.yaml`.
    public static func policy(seed: String, other: String) -> ConfigTarget {
        ConfigTarget(name: "policy", file: "routing.yaml", seed: seed, other: other) { yaml, file in
            do throws(ConfigError) {
                _ = try Policy.load(yaml: yaml, file: file)
                return nil
            } catch { return error }
        }
    }

    private init(
        name: String,
        file: String,
        seed: String,
        other: String,
        load: @escaping @Sendable (String, String) -> ConfigError?
    ) {
        self.name = name
        self.file = file
        self.seed = seed.split(separator: "\n", omittingEmptySubsequences: false)
        self.other = other.split(separator: "\n", omittingEmptySubsequences: false)
        self.load = load
    }

    /// A damaged variant of a seed; see `FuzzTarget.generate(_:)`.
    public func generate(_ random: inout FuzzRandom) -> [UInt8] {
        YAMLMutator.mutate(seed, other: other, &random)
    }

    /// Runs the function and checks the properties listed above.
    public func check(_ input: [UInt8]) -> Result<FuzzOutcome, FuzzViolation> {
        // Files are read as UTF-8 (`readConfigFile` refuses anything else); the loader sees text.
        let text = String(decoding: input, as: UTF8.self)
        guard let error = load(text, file) else { return .success(.accepted) }
        guard let first = error.problems.first else { return .failure(FuzzViolation("a ConfigError without problems")) }
        let lineCount = Self.yamlLineCount(text)
        for problem in error.problems {
            guard problem.file == file else {
                return .failure(FuzzViolation("a problem names file `\(problem.file)`, not `\(file)`"))
            }
            guard (0...lineCount + 1).contains(problem.line) else {
                return .failure(FuzzViolation("line \(problem.line) of a \(lineCount)-line file: \(problem.message)"))
            }
            if problem.message.allSatisfy(\.isWhitespace) {
                return .failure(FuzzViolation("a problem without a message at line \(problem.line)"))
            }
        }
        return .success(.rejected(label: RejectionLabel.normalise(first.message)))
    }

    /// The number of lines as YAML counts them: `\r\n`, a lone `\r`, `\n`, and (YAML 1.1, as
    /// libyaml reads it) NEL, LS and PS each end a line.
    static func yamlLineCount(_ text: String) -> Int {
        var count = 1
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where previous != "\r", "\r", "\u{85}", "\u{2028}", "\u{2029}": count += 1
            default: break
            }
            previous = scalar
        }
        return count
    }
}
