import ArgumentParser
import Foundation
import Postgres
import WatchpostAPI
import WatchpostCore
import WatchpostStore

/// `watchpost token …`: API tokens for tools and other systems, and for officers' own tools.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Issue, revoke and list API tokens.",
        subcommands: [TokenIssueCommand.self, TokenRevokeCommand.self, TokenListCommand.self]
    )

    /// Runs `body` with a one-connection pool on the configured database, closing it after.
    static func withPool<Value>(_ connection: ConnectionOptions, _ body: (PostgresPool) async throws -> Value)
        async throws -> Value
    {
        let pool = PostgresPool(configuration: try connection.database(role: "token"), maxConnections: 1)
        do {
            let value = try await body(pool)
            await pool.close()
            return value
        } catch {
            await pool.close()
            throw error
        }
    }
}

/// `watchpost token issue`: prints a new token once, on standard output; only its hash is kept.
struct TokenIssueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Issue an API token for an officer or a tool; the token is printed once.",
        discussion: """
            The token (wpt_…) is the only line on standard output; store it now, since only its \
            SHA-256 is kept. The officer must be in directory.yaml of the configuration folder.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "The officer the token acts as (an id in directory.yaml).")
    var officer: String?

    @Option(help: "The tool or system the token belongs to, e.g. crawler-fb.")
    var tool: String?

    @Option(help: "Comma-separated scopes: report, act, read.")
    var scope: String

    @Option(help: "A note for people, e.g. where the token is used.")
    var label: String?

    @Option(name: .customLong("expires-days"), help: "Days until the token stops working. Default: never.")
    var expiresDays: Int?

    /// The scopes asked for, sorted, or a validation error naming the wrong one.
    func scopes() throws -> [String] {
        let names = scope.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw ValidationError("--scope needs at least one of report, act, read") }
        for name in names where Scope(rawValue: name) == nil {
            throw ValidationError("--scope: `\(name)` is not one of report, act, read")
        }
        return Array(Set(names)).sorted()
    }

    func validate() throws {
        guard (officer == nil) != (tool == nil) else {
            throw ValidationError("pass exactly one of --officer and --tool")
        }
        if let tool, tool.isEmpty || tool.count > 100 || tool.contains(where: { $0.isWhitespace || $0.isNewline }) {
            throw ValidationError("--tool must be a name of 1 to 100 characters without spaces")
        }
        if let expiresDays, expiresDays <= 0 { throw ValidationError("--expires-days must be at least 1") }
        _ = try scopes()
    }

    func run() async throws {
        let owner: APITokenRecord.Owner
        if let officer {
            let configuration = try connection.loadConfigurationOrExit()
            guard configuration.directory.officer(officer) != nil else {
                throw ValidationError("--officer: `\(officer)` is not in \(connection.directoryFile.path)")
            }
            owner = .officer(officer)
        } else {
            owner = .tool(tool ?? "")
        }
        let now = Date()
        let token = APIToken.generate()
        let record = APITokenRecord(
            id: UUID(),
            owner: owner,
            scopes: try scopes(),
            label: label,
            createdAt: now,
            expiresAt: expiresDays.map { now.addingTimeInterval(TimeInterval($0) * 86_400) }
        )
        try await TokenCommand.withPool(connection) { pool in
            try await APITokenStore(pool: pool).insert(record, hash: APIToken.hash(token))
        }
        print(token)
        FileHandle.standardError.write(
            Data(
                "issued token \(record.id.canonicalString) (\(record.ownerLabel), \(record.scopes.joined(separator: ","))); it is shown only this once\n"
                    .utf8
            )
        )
    }
}

/// `watchpost token revoke ID`, or `watchpost token revoke --sessions --officer ID`.
struct TokenRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke an API token, or end every session of an officer, at once.",
        discussion: """
            `revoke ID` revokes one token. `revoke --sessions --officer ID` signs the officer out \
            of every browser (a lost phone, a departure); their tokens are untouched, and they may \
            sign in again unless they are removed from directory.yaml.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The token's id, as `watchpost token list` shows it.")
    var id: String?

    @Flag(help: "End every browser session of --officer instead of revoking a token.")
    var sessions = false

    @Option(help: "With --sessions: the officer whose sessions end (an id in directory.yaml).")
    var officer: String?

    func validate() throws {
        if sessions {
            guard id == nil else {
                throw ValidationError("pass either a token id or --sessions --officer ID, not both")
            }
            guard let officer, !officer.isEmpty else { throw ValidationError("--sessions needs --officer ID") }
        } else {
            guard officer == nil else { throw ValidationError("--officer goes with --sessions") }
            guard id != nil else { throw ValidationError("pass a token id, or --sessions --officer ID") }
        }
    }

    func run() async throws {
        if sessions, let officer {
            let now = Date()
            let ended = try await TokenCommand.withPool(connection) { pool in
                try await SessionStore(pool: pool).revokeAll(officerID: officer, now: now)
            }
            print("ended \(ended) session(s) of officer:\(officer) at \(RFC3339.format(now))")
            return
        }
        let id = id ?? ""
        guard let tokenID = UUID(uuidString: id) else { throw ValidationError("`\(id)` is not a token id (a UUID)") }
        let revoked = try await TokenCommand.withPool(connection) { pool in
            try await APITokenStore(pool: pool).revoke(id: tokenID, now: Date())
        }
        guard let revoked, let at = revoked.revokedAt else {
            FileHandle.standardError.write(Data("error: no token has the id \(tokenID.canonicalString)\n".utf8))
            throw ExitCode(1)
        }
        print("revoked token \(revoked.id.canonicalString) (\(revoked.ownerLabel)) at \(RFC3339.format(at))")
    }
}

/// `watchpost token list`: every token, without secrets.
struct TokenListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List API tokens (never their secrets)."
    )

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let records = try await TokenCommand.withPool(connection) { try await APITokenStore(pool: $0).list() }
        let now = Date()
        for record in records {
            let state: String
            if let revoked = record.revokedAt {
                state = "revoked \(RFC3339.format(revoked))"
            } else if let expires = record.expiresAt {
                state =
                    expires <= now ? "expired \(RFC3339.format(expires))" : "active until \(RFC3339.format(expires))"
            } else {
                state = "active"
            }
            let used = record.lastUsedAt.map { " last used \(RFC3339.format($0))" } ?? ""
            let label = record.label.map { " \"\($0)\"" } ?? ""
            print(
                "\(record.id.canonicalString)  \(record.ownerLabel)  \(record.scopes.joined(separator: ","))  \(state)\(used)\(label)"
            )
        }
        print("\(records.count) token(s)")
    }
}

extension APITokenRecord {
    /// `officer:ID` or `tool:NAME`.
    var ownerLabel: String {
        switch owner {
        case .officer(let id): "officer:\(id)"
        case .tool(let name): "tool:\(name)"
        }
    }
}
