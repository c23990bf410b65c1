/// Settings that still hold a placeholder from `Config/watchpost.env.example` or the docs
/// (`CHANGE-ME…`). A process that ran with one would run on a public secret: anyone could sign
/// officer and system events, forge acknowledge links or log in to the database. Every command
/// that reads connection settings refuses to start while one is set (issue 25).
public enum PlaceholderSettings {
    /// The marker the example file and the docs put where a secret belongs.
    public static let marker = "CHANGE-ME"

    /// Whether `value` holds the placeholder marker, in any letter case.
    public static func isPlaceholder(_ value: String) -> Bool {
        value.uppercased().contains(marker)
    }

    /// The names of the settings in `settings` whose values hold the marker, sorted. Every
    /// setting is checked, not only Watchpost's own: a gateway file names its secrets as
    /// `{{env:NAME}}` under names the operator chooses, and the compose file copies
    /// `POSTGRES_PASSWORD` into the database URL.
    public static func offending(in settings: [String: String]) -> [String] {
        settings.filter { isPlaceholder($0.value) }.map(\.key).sorted()
    }

    /// One line per offending setting, naming it and saying what to do; never the value.
    public static func problems(in settings: [String: String]) -> [String] {
        offending(in: settings).map { name in
            "\(name) still holds the example's placeholder \(marker): generate a secret "
                + "(`openssl rand -base64 48`; `openssl rand -hex 32` for POSTGRES_PASSWORD) and set it"
        }
    }
}
