import ArgumentParser
import Dispatch
import Foundation
import Logging
import WatchpostCore

/// The work behind every `watchpost publish` subcommand: validate all, then send all, then report.
///
/// Nothing is sent unless every event is valid, so an operator never has half a batch on the
/// topic and has to work out which half.
struct PublishRunner: Sendable {
    /// The shared options.
    var options: PublishOptions

    private var output: PublishOutput { PublishOutput(json: options.json) }

    /// Validates and sends events built from flags.
    func publish(drafts: [EventDraft]) async throws {
        let validator = try loadValidator()
        let now = Date()
        var valid: [ValidatedEvent] = []
        var rejected: [(label: String?, rejection: EventRejection)] = []
        for draft in drafts {
            switch validator.validate(draft, now: now) {
            case let .success(event): valid.append(event)
            case let .failure(rejection): rejected.append((nil, rejection))
            }
        }
        try await finish(valid: valid, rejected: rejected, fromFlags: true)
    }

    /// Validates and sends the envelopes in a file (`-` is stdin), unchanged.
    func publish(file path: String) async throws {
        let validator = try loadValidator()
        let bytes: [UInt8]
        do {
            bytes = try await Self.read(path)
        } catch {
            output.failed("cannot read \(path): \(error.localizedDescription)")
            throw PublishFailure.input(path).exitCode
        }
        let now = Date()
        var valid: [ValidatedEvent] = []
        var rejected: [(label: String?, rejection: EventRejection)] = []
        let inputs = EnvelopeSplitter.split(bytes) { validator.validate(envelope: $0, now: now) }
        if inputs.isEmpty {
            rejected.append((path, EventRejection(path: "", code: .empty, reason: "holds no event")))
        }
        for input in inputs {
            switch input.result {
            case let .success(event): valid.append(event)
            case let .failure(rejection): rejected.append((input.label, rejection))
            }
        }
        try await finish(valid: valid, rejected: rejected, fromFlags: false)
    }

    private func finish(
        valid: [ValidatedEvent],
        rejected: [(label: String?, rejection: EventRejection)],
        fromFlags: Bool
    ) async throws {
        guard rejected.isEmpty else {
            output.rejected(rejected, fromFlags: fromFlags)
            throw PublishFailure.rejected(rejected).exitCode
        }
        if options.dryRun {
            output.envelopes(valid)
            return
        }
        if let api = try Self.apiSender(timeout: options.timeoutDuration) {
            do {
                output.receipts(try await api.send(valid))
            } catch {
                if case let .api(url, status, message, sent) = error {
                    output.receipts(sent)
                    output.failed(
                        "the API (\(url)) " + (status.map { "refused the event (HTTP \($0))" } ?? "did not answer")
                            + ": \(message)",
                        hint: status == 401 || status == 403
                            ? "check WATCHPOST_TOKEN (watchpost token issue) and that you may report for this unit"
                            : "check WATCHPOST_API_URL"
                    )
                    output.unsent(Array(valid.dropFirst(sent.count)))
                }
                throw error.exitCode
            }
            return
        }
        var logger = Logger(label: "watchpost.publish") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = options.verbose ? .info : .critical
        let keyring = try EventKeys.optional()
        EventKeys.logHeld(keyring, logger: logger)
        let sender = EventSender(
            connection: try options.connection.kafkaConnection(clientID: "watchpost-publish", logger: logger),
            topic: options.topic,
            timeout: options.timeoutDuration,
            keyring: keyring,
            logger: logger
        )
        do {
            output.receipts(try await sender.send(valid))
        } catch {
            if case let .broker(brokers, _, underlying, sent) = error {
                output.receipts(sent)
                output.failed(
                    "the broker (\(brokers.joined(separator: ","))) did not store the event within "
                        + "\(Self.seconds(options.timeout)) s: \(underlying)",
                    hint: "is the broker running? check --brokers / WATCHPOST_KAFKA_BROKERS "
                        + "(scripts/dev prints the address)"
                )
                output.unsent(Array(valid.dropFirst(sent.count)))
            }
            throw error.exitCode
        }
    }

    /// The API transport when `WATCHPOST_API_URL` is set; a misconfiguration is reported and exits.
    private static func apiSender(timeout: Duration) throws -> APISender? {
        do {
            return try APISender.fromEnvironment(timeout: timeout)
        } catch {
            if case let .configuration(message) = error {
                PublishOutput(json: false).failed(
                    message,
                    hint: "set WATCHPOST_TOKEN (watchpost token issue), or unset WATCHPOST_API_URL"
                )
            }
            throw error.exitCode
        }
    }

    private func loadValidator() throws -> PublishValidator {
        let file = options.connection.directoryFile
        do throws(ConfigError) {
            return PublishValidator(directory: try Directory.load(contentsOf: file))
        } catch {
            output.failed("cannot load the directory \(file.path):\n\(error.description)", hint: "pass --config-dir")
            throw PublishFailure.configuration(error.description).exitCode
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// Reads a file or stdin on a dispatch queue: reading may block, the cooperative pool must not.
    private static func read(_ path: String) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    let data =
                        path == "-"
                        ? try FileHandle.standardInput.readToEnd() ?? Data()
                        : try Data(contentsOf: URL(fileURLWithPath: path))
                    continuation.resume(returning: [UInt8](data))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
