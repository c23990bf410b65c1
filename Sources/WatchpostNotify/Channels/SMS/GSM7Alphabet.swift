/// The GSM 03.38 default alphabet and its extension table, the characters an SMS can carry
/// in 7-bit encoding.
enum GSM7Alphabet {
    /// One septet each. (The escape code 0x1B itself is not a character a text may use.)
    static let basic: Set<Unicode.Scalar> = Set(
        ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà").unicodeScalars
    )

    /// Two septets each: the escape code and the character.
    static let extended: Set<Unicode.Scalar> = Set("^{}\\[~]|€\u{0C}".unicodeScalars)

    /// The septets `scalar` takes, or `nil` when GSM-7 cannot carry it.
    static func septets(_ scalar: Unicode.Scalar) -> Int? {
        if basic.contains(scalar) { return 1 }
        if extended.contains(scalar) { return 2 }
        return nil
    }
}
