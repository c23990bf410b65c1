import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real SMTP server for tests: Debian's python3-aiosmtpd, started as a subprocess on a free
/// loopback port. It saves each message as `message-N.eml` (the exact bytes received) with
/// its envelope in `message-N.json`, and refuses recipients starting with `nobody@` (550).
/// Plain SMTP only: no STARTTLS, so tests use `tls: .none` or `.tryStartTLS`.
public final class SMTPSink: Sendable {
    /// The loopback port the sink listens on.
    public let port: Int
    /// The private temporary folder holding the received messages; removed on deinit.
    public let folder: URL
    private let process: ChildProcess

    /// The interpreter to run: `WATCHPOST_PYTHON`, else `/usr/bin/python3`.
    private static var python: String {
        ProcessInfo.processInfo.environment["WATCHPOST_PYTHON"] ?? "/usr/bin/python3"
    }

    /// Starts the sink and waits up to 20 seconds for it to listen; throws ``SinkError`` if
    /// python3 or aiosmtpd is missing.
    public init() async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("watchpost-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = folder.appendingPathComponent("smtp_sink.py")
        try Self.serverScript.write(to: script, atomically: true, encoding: .utf8)
        process = try ChildProcess(Self.python, [script.path, folder.path])
        let portFile = folder.appendingPathComponent("port")
        let process = process
        // Poll with a deadline: the script writes the port file only once it listens.
        let deadline = ContinuousClock.now + .seconds(20)
        while process.isRunning, !FileManager.default.fileExists(atPath: portFile.path),
            ContinuousClock.now < deadline
        {
            try await Task.sleep(for: .milliseconds(10))
        }
        guard process.isRunning, let text = try? String(contentsOf: portFile, encoding: .utf8), let port = Int(text)
        else {
            throw SinkError(
                "the SMTP sink did not listen within 20 s: \(Self.python) with aiosmtpd (python3-aiosmtpd) is required"
            )
        }
        self.port = port
    }

    deinit {
        // The script also exits by itself when its parent goes away.
        process.send(SIGKILL)
        try? FileManager.default.removeItem(at: folder)
    }

    /// The paths of the `.eml` files received so far, in arrival order.
    public var messages: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".eml") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// The message at `path` decoded by Python's `email` package, an independent MIME parser.
    public func parse(_ path: URL) async throws -> ParsedMail {
        let script = folder.appendingPathComponent("parse_mail.py")
        try Self.parseScript.write(to: script, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("parsed-\(UUID().uuidString).json")
        let status = try await ChildProcess.run(Self.python, [script.path, path.path], stdout: .file(output.path))
        guard status == 0 else { throw SinkError("parse_mail.py failed") }
        return try JSONDecoder().decode(ParsedMail.self, from: Data(contentsOf: output))
    }

    /// One received message as Python's `email` package reads it, with its SMTP envelope.
    public struct ParsedMail: Decodable, Sendable {
        /// The decoded `Subject` header.
        public var subject: String
        /// The decoded `From` header.
        public var from: String
        /// The decoded `To` header.
        public var to: String
        /// The `Message-ID` header.
        public var messageID: String
        /// The MIME type, e.g. `text/plain`.
        public var contentType: String
        /// The body's charset, e.g. `utf-8`.
        public var charset: String
        /// The `Content-Transfer-Encoding` header.
        public var transferEncoding: String
        /// The decoded body, with CRLF turned into LF.
        public var body: String
        /// The envelope sender (`MAIL FROM`).
        public var mailFrom: String
        /// The accepted envelope recipients (`RCPT TO`).
        public var rcptTos: [String]
        /// The length in bytes of the longest header line, to check folding.
        public var longestHeaderLine: Int

        enum CodingKeys: String, CodingKey {
            case subject, from, to, body, charset
            case messageID = "message_id", contentType = "content_type", transferEncoding = "transfer_encoding"
            case mailFrom = "mail_from", rcptTos = "rcpt_tos", longestHeaderLine = "longest_header_line"
        }
    }

    /// The sink could not start or could not parse a message.
    public struct SinkError: Error, CustomStringConvertible {
        /// What went wrong, for the test log.
        public var description: String
        init(_ description: String) { self.description = description }
    }

    private static let serverScript = """
        import asyncio, json, os, signal, sys
        from aiosmtpd.smtp import SMTP

        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
        parent = os.getppid()

        folder = sys.argv[1]

        class Saver:
            def __init__(self):
                self.count = 0

            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if address.startswith("nobody@"):
                    return "550 5.1.1 No such mailbox"
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):
                self.count += 1
                base = os.path.join(folder, "message-%04d" % self.count)
                with open(base + ".json", "w") as f:
                    json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, f)
                with open(base + ".tmp", "wb") as f:
                    f.write(envelope.original_content)
                os.rename(base + ".tmp", base + ".eml")
                return "250 OK queued"

        async def main():
            handler = Saver()
            server = await asyncio.get_running_loop().create_server(
                lambda: SMTP(handler, decode_data=False), "127.0.0.1", 0)
            port = server.sockets[0].getsockname()[1]
            with open(os.path.join(folder, "port.tmp"), "w") as f:
                f.write(str(port))
            os.rename(os.path.join(folder, "port.tmp"), os.path.join(folder, "port"))
            while os.getppid() == parent:
                await asyncio.sleep(0.5)

        asyncio.run(main())
        """

    private static let parseScript = """
        import email, json, sys
        from email import policy

        path = sys.argv[1]
        raw = open(path, "rb").read()
        message = email.message_from_bytes(raw, policy=policy.default)
        envelope = json.load(open(path[:-4] + ".json"))
        head = raw.split(b"\\r\\n\\r\\n", 1)[0]
        print(json.dumps({
            "subject": str(message["subject"]),
            "from": str(message["from"]),
            "to": str(message["to"]),
            "message_id": str(message["message-id"]),
            "content_type": message.get_content_type(),
            "charset": message.get_content_charset(),
            "transfer_encoding": str(message["content-transfer-encoding"]),
            "body": message.get_content().replace("\\r\\n", "\\n"),
            "mail_from": envelope["mail_from"],
            "rcpt_tos": envelope["rcpt_tos"],
            "longest_header_line": max(len(line) for line in head.split(b"\\r\\n")),
        }, ensure_ascii=False))
        """
}
