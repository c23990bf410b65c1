/// The member names a JSON object repeats, for readers that decode with Foundation's
/// `JSONDecoder`, which silently keeps one of the values. The event decoder reports repeats
/// itself (`duplicate_field`); the API's action bodies ask here, so both refuse them alike.
public enum JSONRepeatedKeys {
    /// The names repeated in the top-level object of `bytes`, each once, in the order of their
    /// first repeat; empty when none is, or when `bytes` is not a JSON object.
    public static func inObject(_ bytes: [UInt8]) -> [String] {
        guard
            String(validating: bytes, as: UTF8.self) != nil,
            case .success(.object(let members)) = JSONParser.parse(bytes)
        else { return [] }
        var seen: Set<String> = []
        var repeated: [String] = []
        for member in members where !seen.insert(member.key).inserted && !repeated.contains(member.key) {
            repeated.append(member.key)
        }
        return repeated
    }
}
