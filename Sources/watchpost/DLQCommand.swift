import ArgumentParser
import Foundation
import Kafka
import Postgres
import WatchpostCore
import WatchpostPipeline
import WatchpostStore

#if canImport(Glibc)
    import Glibc
#endif

/// `watchpost dlq …`: the rejected inputs recorded in `rejected_events`.
struct DLQCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlq",
        abstract: "List, show or replay rejected events.",
        subcommands: [DLQListCommand.self, DLQShowCommand.self, DLQReplayCommand.self]
    )
}

/// `watchpost dlq list`: the rejected inputs not replayed yet, oldest first.
struct DLQListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List rejected events.")

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Most rows to list.")
    var limit = 100

    @Flag(help: "Also list rows already replayed.")
    var all = false

    func run() async throws {
        let pool = PostgresPool(
            configuration: try connection.database(role: "dlq"),
            maxConnections: 1
        )
        let entries: [StoredRejection]
        do {
            entries = try await DeadLetterStore(pool: pool).rejectedEvents(limit: limit, includeReplayed: all)
            await pool.close()
        } catch {
            await pool.close()
            throw error
        }
        for entry in entries {
            let replayed = entry.replayedAt.map { " replayed \(LocalTime.rfc3339($0))" } ?? ""
            let purged = entry.purgedAt.map { " body purged \(LocalTime.rfc3339($0))" } ?? ""
            print(
                "#\(entry.id) \(entry.topic)[\(entry.partition)]@\(entry.offset) \(entry.stage.rawValue): \(TerminalText.safe(entry.reason))\(replayed)\(purged)"
            )
        }
        print("\(entries.count) row(s)")
    }
}

/// `watchpost dlq show ID`: one rejected input in full, with every replay of it.
struct DLQShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one rejected event: its body, why it was refused, and who replayed it when."
    )

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The row id, as `watchpost dlq list` prints it (#ID).")
    var id: Int64

    func run() async throws {
        let pool = PostgresPool(configuration: try connection.database(role: "dlq"), maxConnections: 1)
        let store = DeadLetterStore(pool: pool)
        let found: (StoredRejection?, [DeadLetterReplay])
        do {
            found = (try await store.rejectedEvent(id: id), try await store.replays(of: id))
            await pool.close()
        } catch {
            await pool.close()
            throw error
        }
        guard let row = found.0 else { throw CommandFailure("no rejected event #\(id)") }
        let replays = found.1
        print("#\(row.id) \(row.topic)[\(row.partition)]@\(row.offset), received \(LocalTime.rfc3339(row.receivedAt))")
        print("stage: \(row.stage.rawValue)")
        print("signed with key: \(row.keyID.map(TerminalText.safe) ?? "none (unsigned)")")
        print("reason: \(TerminalText.safe(row.reason))")
        for problem in row.problems { print("problem: \(TerminalText.safe(problem.description))") }
        if let key = row.key { print("key: \(TerminalText.safe(key))") }
        if let purgedAt = row.purgedAt {
            print(
                "value: removed under the retention policy at \(LocalTime.rfc3339(purgedAt)); the row cannot be replayed as stored"
            )
        } else {
            print("value:")
            print(TerminalText.safe(row.raw))
        }
        for replay in replays {
            let edited = replay.edited ? ", corrected body" : ""
            print(
                "replayed \(LocalTime.rfc3339(replay.at)) by \(replay.by)\(edited) → \(replay.topic)[\(replay.partition)]@\(replay.offset)"
                    + " sha256=\(replay.valueSHA256.map { String(format: "%02x", $0) }.joined())"
            )
        }
    }
}

/// `watchpost dlq replay`: re-publishes rejected inputs and records who did it.
struct DLQReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-publish rejected events to watchpost.events and record who replayed what and when.",
        discussion: """
            Without --id, replays every row not replayed yet, oldest first, with its original key \
            and value. With --id, replays that row; --value-file replaces its body with a corrected \
            one, which must decode as an event. A row whose body was purged under the retention policy \
            is refused unless --value-file gives the body to send. An input that is still invalid comes back to the \
            dead-letter topic as a new row. With WATCHPOST_EVENT_KEYS set, inputs refused after \
            they proved their sender (stages routing, store, conflict) are signed again; inputs \
            refused at decode or auth are replayed unsigned. Every replay is recorded in \
            dead_letter_replays (`watchpost dlq show ID`).
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Most rows to replay (without --id).")
    var limit = 1000

    @Option(help: "Topic to publish to.")
    var topic = "watchpost.events"

    @Option(help: "Replay only this row (#ID from `watchpost dlq list`).")
    var id: Int64?

    @Option(help: "With --id: a file holding the corrected event JSON, sent instead of the stored body.")
    var valueFile: String?

    @Flag(help: "With --id: replay the row even if it was replayed before.")
    var again = false

    @Option(help: "Who is replaying, for the record. Default: $WATCHPOST_OPERATOR, else the login name.")
    var by: String?

    func validate() throws {
        if id == nil, valueFile != nil || again {
            throw ValidationError("--value-file and --again need --id")
        }
        _ = try operatorName()
    }

    /// `--by`, else `$WATCHPOST_OPERATOR`, else the login name.
    private func operatorName() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let login = getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } }
        let candidates = [by, environment["WATCHPOST_OPERATOR"], environment["USER"], login]
        guard
            let name = candidates.compactMap({ $0?.trimmingCharacters(in: .whitespaces) }).first(where: { !$0.isEmpty })
        else {
            throw ValidationError("say who is replaying: --by NAME or WATCHPOST_OPERATOR")
        }
        return name
    }

    func run() async throws {
        let logger = CommandLogging.logger("watchpost.dlq", level: nil)
        let keyring = try EventKeys.optional()
        EventKeys.logHeld(keyring, logger: logger)
        let value = try valueFile.map { path in
            do {
                return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                throw ValidationError("--value-file \(path): \(error.localizedDescription)")
            }
        }
        if let value {
            // Refuse an incomplete fix before touching the database or the broker.
            do {
                _ = try DeadLetterReplayer.correctedEvent(value)
            } catch {
                throw CommandFailure(error.description)
            }
        }
        let pool = PostgresPool(configuration: try connection.database(role: "dlq"), maxConnections: 1)
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(
                connection: try connection.kafkaConnection(clientID: "watchpost-dlq", logger: logger)
            ),
            logger: logger
        )
        do {
            let store = DeadLetterStore(pool: pool)
            let replayer = DeadLetterReplayer(
                store: store,
                producer: producer,
                topic: topic,
                keyring: keyring,
                logger: logger
            )
            if let id {
                guard let row = try await store.rejectedEvent(id: id) else {
                    throw CommandFailure("no rejected event #\(id)")
                }
                try DeadLetterReplayer.checkReplayable(row, value: value)
                if let replayedAt = row.replayedAt, !again {
                    throw CommandFailure(
                        "#\(id) was replayed at \(LocalTime.rfc3339(replayedAt)) (see `watchpost dlq show \(id)`); pass --again to replay it once more"
                    )
                }
                let replay: DeadLetterReplay
                do {
                    replay = try await replayer.replay(row, value: value, by: try operatorName())
                } catch let error as ReplaySignerRevoked {
                    throw CommandFailure(error.description)
                } catch let error as ReplaySourceChanged {
                    throw CommandFailure(error.description)
                }
                print(
                    "replayed #\(id) to \(replay.topic)[\(replay.partition)]@\(replay.offset)\(replay.edited ? " with the corrected body" : "")"
                )
            } else {
                let (sent, refused) = try await replayer.replay(limit: limit, by: try operatorName())
                print("replayed \(sent.count) row(s) to \(topic)")
                for revoked in refused { print("not replayed: \(revoked)") }
                if !refused.isEmpty {
                    throw CommandFailure("\(refused.count) row(s) signed with a revoked key were not replayed")
                }
            }
            await producer.close()
            await pool.close()
        } catch {
            await producer.close()
            await pool.close()
            throw error
        }
    }
}
