/// How to reach a PostgreSQL server: every libpq connection parameter, by keyword.
///
/// Build it from a URL (`postgresql://user@host:5432/db?sslmode=require`), a conninfo string
/// (`host=db port=5432 dbname=app`), or typed fields. Any libpq keyword (`sslmode`, `sslrootcert`,
/// `target_session_attrs`, …) passes through unchanged in `parameters`.
public struct PostgresConfiguration: Sendable, CustomStringConvertible {
    /// libpq connection parameters by keyword, e.g. `["host": "db", "sslmode": "require"]`.
    public var parameters: [String: String]

    /// The connect timeout used when none is given. Default: 10 seconds.
    public static let defaultConnectTimeout: Duration = .seconds(10)

    /// Parses a `postgresql://` or `postgres://` URL. Throws a `configuration` error on a malformed URL.
    public init(url: String) throws {
        guard url.hasPrefix("postgresql://") || url.hasPrefix("postgres://") else {
            throw PostgresError(
                code: .configuration,
                message: "A PostgreSQL URL must start with postgresql:// or postgres://.",
                hint: "Use a URL such as postgresql://user@localhost:5432/database, or init(conninfo:)."
            )
        }
        self.parameters = try LibPQConninfo.parse(url)
    }

    /// Parses a libpq conninfo string (`key=value ...`) or URL. Throws a `configuration` error when
    /// libpq rejects it.
    public init(conninfo: String) throws {
        self.parameters = try LibPQConninfo.parse(conninfo)
    }

    /// Creates a configuration from typed fields; set further libpq keywords through `parameters`.
    public init(host: String, port: Int = 5432, user: String, password: String? = nil, database: String? = nil) {
        self.parameters = ["host": host, "port": String(port), "user": user]
        if let password { parameters["password"] = password }
        if let database { parameters["dbname"] = database }
    }

    /// Host name, IP address or socket directory (`host`).
    public var host: String? {
        get { parameters["host"] }
        set { parameters["host"] = newValue }
    }

    /// TCP port (`port`). Default (libpq's): 5432.
    public var port: Int? {
        get { parameters["port"].flatMap { Int($0) } }
        set { parameters["port"] = newValue.map { String($0) } }
    }

    /// User name (`user`).
    public var user: String? {
        get { parameters["user"] }
        set { parameters["user"] = newValue }
    }

    /// Database name (`dbname`). Default (libpq's): the user name.
    public var database: String? {
        get { parameters["dbname"] }
        set { parameters["dbname"] = newValue }
    }

    /// TLS mode (`sslmode`). Default (libpq's): `prefer`.
    public var sslMode: PostgresSSLMode? {
        get { parameters["sslmode"].flatMap(PostgresSSLMode.init(rawValue:)) }
        set { parameters["sslmode"] = newValue?.rawValue }
    }

    /// Name shown in `pg_stat_activity.application_name`. Default: none.
    public var applicationName: String? {
        get { parameters["application_name"] }
        set { parameters["application_name"] = newValue }
    }

    /// How long to wait for a connection, rounded up to whole seconds (libpq's minimum is 2).
    /// Default: `defaultConnectTimeout` (10 seconds).
    public var connectTimeout: Duration {
        get { parameters["connect_timeout"].flatMap { Int($0) }.map { .seconds($0) } ?? Self.defaultConnectTimeout }
        set {
            let (seconds, attoseconds) = newValue.components
            let whole = max(2, seconds + (attoseconds > 0 ? 1 : 0))
            parameters["connect_timeout"] = String(whole)
        }
    }

    /// The keyword/value pairs handed to libpq, with the defaults this client relies on:
    /// a connect timeout, and ISO dates and hex bytea so text results decode predictably.
    var libpqParameters: [(keyword: String, value: String)] {
        var merged = parameters
        if merged["connect_timeout"] == nil {
            merged["connect_timeout"] = String(Self.defaultConnectTimeout.components.seconds)
        }
        // Appended, not replaced, so options the caller passed (e.g. search_path) survive.
        let sessionDefaults = "-c DateStyle=ISO -c bytea_output=hex -c extra_float_digits=3"
        merged["options"] = [merged["options"], sessionDefaults].compactMap { $0 }.joined(separator: " ")
        return merged.sorted { $0.key < $1.key }.map { (keyword: $0.key, value: $0.value) }
    }

    /// The parameters with the password hidden, safe to log.
    public var description: String {
        parameters.sorted { $0.key < $1.key }
            .map { key, value in key == "password" ? "\(key)=***" : "\(key)=\(value)" }
            .joined(separator: " ")
    }
}

/// libpq's `sslmode`: whether and how strictly to use TLS.
public enum PostgresSSLMode: String, Sendable, CaseIterable {
    /// Never use TLS.
    case disable
    /// Try plain first, then TLS.
    case allow
    /// Try TLS first, then plain (libpq's default).
    case prefer
    /// Require TLS, without verifying the certificate.
    case require
    /// Require TLS and a certificate signed by a trusted CA.
    case verifyCA = "verify-ca"
    /// Require TLS, a trusted certificate and a matching host name.
    case verifyFull = "verify-full"
}
