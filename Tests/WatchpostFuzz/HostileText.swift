/// Text an attacker or a broken producer would send: SQL and HTML metacharacters, look-alike
/// letters, control characters and escapes that JSON parsers often get wrong. Shared by the
/// fuzz mutators and the hostile-traffic test of a live worker.
public enum HostileText {
    /// SQL and HTML metacharacters that are valid text and must be stored verbatim, never run.
    public static let markup: [String] = [
        "'; DROP TABLE events; --",
        "Robert'); DELETE FROM incidents WHERE ('1'='1",
        "1 OR 1=1",
        "$1 $$ $$; SELECT pg_sleep(10); $$",
        "\\x00\\' \\\" %s %n {{7*7}} ${jndi:ldap://x}",
        "<script>alert('xss')</script>",
        "<img src=x onerror=\"alert(1)\">",
        "</textarea><svg/onload=alert(1)>",
        "&lt;b&gt; &amp; &#x3C; \" ' ` --",
        "Báo cáo <b>bạo lực</b> học đường; 'chèn' \"trích\" -- /* */",
    ]

    /// Letters that look like the vocabulary but are not (Cyrillic, Greek, full-width, zero width).
    public static let confusables: [String] = [
        "іncident.reported",  // Cyrillic і
        "incident.reportеd",  // Cyrillic е
        "ｉｎｃｉｄｅｎｔ.reported",
        "incident\u{200B}.reported",
        "tiktok\u{200D}",
        "ΗΙGΗ",
        "thcs-binh-son\u{0301}",
        "ofﬁcer",
    ]

    /// JSON string bodies (between the quotes, as raw text) with escapes that must be refused or
    /// handled: lone and reversed surrogates, an escaped NUL, overlong hex.
    public static let rawEscapes: [String] = [
        #"\ud800"#, #"\udc00"#, #"\udc00\ud800"#, #"\ud83d"#, #"\ud83d\u0041"#, #"\u0000"#, #"\u00"#,
        #"\uZZZZ"#, #"\x41"#, #"\'"#, #"\u202e"#, #"\uffff"#, #"\ud83d\ude00"#,
    ]

    /// Byte sequences that are not UTF-8: stray continuations, overlong forms, surrogates
    /// encoded directly, truncated sequences and bytes that never occur.
    public static let invalidUTF8: [[UInt8]] = [
        [0x80], [0xBF], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
        [0xF0, 0x80, 0x80, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFE], [0xFF],
        [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98],
    ]

    /// Numbers at the edges: huge, tiny, negative zero, beyond every integer type.
    public static let numbers: [String] = [
        "0", "-0", "1", "-1", "2", "1.0", "1e0", "1E+2", "0.000000000000000000001", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "18446744073709551616", "1e309", "-1e309", "1e-400",
        "123456789012345678901234567890123456789012345678901234567890", "0.1e-99999999",
    ]
}
