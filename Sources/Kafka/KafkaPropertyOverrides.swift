import Foundation

/// librdkafka properties an operator supplies without code changes (TLS, SASL, tuning): a
/// Java-style properties file, then environment variables, which override the file.
///
/// A variable `PREFIX<name>` sets the property `<name>`. The name is taken as librdkafka spells
/// it when it holds a dot (`PREFIXsecurity.protocol`, which env files and `env` accept); a name
/// without dots is read in upper case with `_` for `.`, for shells that cannot export dots
/// (`PREFIXSECURITY_PROTOCOL` sets `security.protocol`).
public struct KafkaPropertyOverrides: Sendable, Equatable {
    /// Property name to value.
    public private(set) var properties: [String: String] = [:]

    /// The names that were set, sorted: safe to log (values may be secrets).
    public var names: [String] { properties.keys.sorted() }

    /// No overrides.
    public init() {}

    /// Reads the file named by `fileVariable` (if set), then every `prefix` variable.
    ///
    /// - Throws: ``KafkaError/Code/configuration`` naming the variable or the file and line.
    public init(environment: [String: String], prefix: String, fileVariable: String) throws(KafkaError) {
        if let path = environment[fileVariable], !path.isEmpty {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw KafkaError(
                    code: .configuration,
                    message: "\(fileVariable)=\(path): cannot read the file (\(error.localizedDescription))"
                )
            }
            try readFile(text, path: path)
        }
        for (variable, value) in environment.sorted(by: { $0.key < $1.key }) where variable.hasPrefix(prefix) {
            let suffix = String(variable.dropFirst(prefix.count))
            guard !suffix.isEmpty else {
                throw KafkaError(
                    code: .configuration,
                    message: "\(variable): name a librdkafka property after \(prefix)"
                )
            }
            properties[Self.propertyName(suffix)] = value
        }
    }

    /// `security.protocol` stays as it is; `SECURITY_PROTOCOL` becomes `security.protocol`.
    static func propertyName(_ suffix: String) -> String {
        suffix.contains(".") ? suffix : suffix.lowercased().replacingOccurrences(of: "_", with: ".")
    }

    /// `key=value` (or `key: value`) lines; blank lines and lines starting with `#` or `!` are
    /// comments. Whitespace around keys and values is trimmed.
    private mutating func readFile(_ text: String, path: String) throws(KafkaError) {
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("!") { continue }
            guard let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                throw KafkaError(code: .configuration, message: "\(path):\(index + 1): expected key=value")
            }
            let key = line[..<separator].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else {
                throw KafkaError(code: .configuration, message: "\(path):\(index + 1): the key is empty")
            }
            properties[key] = line[line.index(after: separator)...].trimmingCharacters(in: .whitespaces)
        }
    }
}
