/// The bound values of one statement in libpq's text format, encoded before any I/O so a bad
/// value fails early: every value's bytes, each followed by a NUL, in one buffer.
struct PostgresParameters: Sendable {
    /// The values' bytes, each NUL-terminated.
    private(set) var bytes: [UInt8] = []
    /// Where each value starts in `bytes`; `nil` for SQL NULL.
    private(set) var offsets: [Int?] = []
    /// Each value's type OID.
    private(set) var types: [UInt32] = []

    /// Encodes `bindings` in order.
    init(_ bindings: [any PostgresEncodable]) throws {
        offsets.reserveCapacity(bindings.count)
        types.reserveCapacity(bindings.count)
        bytes.reserveCapacity(bindings.count * 32)
        for binding in bindings {
            let start = bytes.count
            if try binding.appendPostgresText(to: &bytes) {
                bytes.append(0)
                offsets.append(start)
            } else {
                bytes.removeSubrange(start...)
                offsets.append(nil)
            }
            types.append(type(of: binding).postgresDataType.oid)
        }
    }

    /// The number of values.
    var count: Int { offsets.count }

    /// The value at `index` as text (for tests and diagnostics), or `nil` for NULL. A value with
    /// a NUL byte ends there, as libpq reads it.
    func text(at index: Int) -> String? {
        guard let start = offsets[index] else { return nil }
        let end = bytes[start...].firstIndex(of: 0) ?? bytes.count
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Lends libpq a C string pointer per value (`nil` for NULL) for the duration of `body`.
    func withValuePointers<Result>(_ body: ([UnsafePointer<CChar>?]) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { storage in
            storage.withMemoryRebound(to: CChar.self) { characters in
                body(
                    offsets.map { offset -> UnsafePointer<CChar>? in
                        guard let offset, let base = characters.baseAddress else { return nil }
                        return base + offset
                    }
                )
            }
        }
    }
}
