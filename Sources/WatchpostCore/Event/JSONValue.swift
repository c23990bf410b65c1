/// A parsed JSON value that keeps what `JSONSerialization` blurs.
///
/// Booleans and numbers stay distinct (no `NSNumber`), numbers keep their source text so
/// `1`, `1.0` and `1e0` can be told apart, and object members keep their order and any
/// duplicate keys so the decoder can report them.
enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// The number exactly as written in the input, already checked against the JSON grammar.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in input order; a key may appear more than once.
    case object([(key: String, value: JSONValue)])

    /// The JSON type name used in problem messages ("a string", "an object", ...).
    var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
