extension Int64: PostgresArrayElement, PostgresDecodable {
    /// `bigint`.
    public static var postgresDataType: PostgresDataType { .int8 }
    /// `bigint[]`.
    public static var postgresArrayDataType: PostgresDataType { .int8Array }
    /// Decimal digits.
    public func postgresText() -> String? { String(self) }
    /// Decimal digits, written directly.
    public func appendPostgresText(to buffer: inout [UInt8]) -> Bool {
        TextBytes.appendDecimal(self, to: &buffer)
        return true
    }
    /// Decodes any integer column whose value fits.
    public static func decode(postgresText text: String, type: PostgresDataType) -> Int64? { Int64(text) }
}

extension Int: PostgresArrayElement, PostgresDecodable {
    /// `bigint`.
    public static var postgresDataType: PostgresDataType { .int8 }
    /// `bigint[]`.
    public static var postgresArrayDataType: PostgresDataType { .int8Array }
    /// Decimal digits.
    public func postgresText() -> String? { String(self) }
    /// Decimal digits, written directly.
    public func appendPostgresText(to buffer: inout [UInt8]) -> Bool {
        TextBytes.appendDecimal(self, to: &buffer)
        return true
    }
    /// Decodes any integer column whose value fits.
    public static func decode(postgresText text: String, type: PostgresDataType) -> Int? { Int(text) }
}

extension Int32: PostgresArrayElement, PostgresDecodable {
    /// `integer`.
    public static var postgresDataType: PostgresDataType { .int4 }
    /// `integer[]`.
    public static var postgresArrayDataType: PostgresDataType { .int4Array }
    /// Decimal digits.
    public func postgresText() -> String? { String(self) }
    /// Decimal digits, written directly.
    public func appendPostgresText(to buffer: inout [UInt8]) -> Bool {
        TextBytes.appendDecimal(self, to: &buffer)
        return true
    }
    /// Decodes any integer column whose value fits in 32 bits.
    public static func decode(postgresText text: String, type: PostgresDataType) -> Int32? { Int32(text) }
}

extension Int16: PostgresArrayElement, PostgresDecodable {
    /// `smallint`.
    public static var postgresDataType: PostgresDataType { .int2 }
    /// `smallint[]`.
    public static var postgresArrayDataType: PostgresDataType { .int2Array }
    /// Decimal digits.
    public func postgresText() -> String? { String(self) }
    /// Decimal digits, written directly.
    public func appendPostgresText(to buffer: inout [UInt8]) -> Bool {
        TextBytes.appendDecimal(self, to: &buffer)
        return true
    }
    /// Decodes any integer column whose value fits in 16 bits.
    public static func decode(postgresText text: String, type: PostgresDataType) -> Int16? { Int16(text) }
}
