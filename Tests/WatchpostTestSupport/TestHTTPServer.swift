import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 (a real socket, one thread per connection) whose
/// answers a test decides request by request; webhook and SMS-gateway tests point channels at it.
public final class TestHTTPServer: Sendable {
    /// One request as the server received it.
    public struct Request: Sendable {
        /// The request method, e.g. `POST`.
        public var method: String
        /// The request target, e.g. `/hook`.
        public var path: String
        /// Header names lower-cased.
        public var headers: [String: String]
        /// When it arrived.
        public var receivedAt: Date
        /// The body, exactly `Content-Length` bytes.
        public var body: Data
    }

    /// How the server answers one request.
    public enum Reply: Sendable {
        /// Answer with this status, extra headers and body, then close the connection.
        case status(Int, headers: [String: String] = [:], body: String = "")
        /// Read the request and never answer.
        case silence
    }

    /// The loopback port the server listens on.
    public let port: Int
    private let listener: Int32
    private let state = Mutex<(requests: [Request], connections: Int, stopped: Bool)>(([], 0, false))
    private let handler: @Sendable (Request, Int) -> Reply

    /// Starts listening on a free loopback port; `handler` gets each request and its 1-based
    /// number, on the connection's own thread. Call ``stop()`` when done.
    public init(handler: @escaping @Sendable (Request, Int) -> Reply) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = fd
        self.handler = handler
        Thread { [self] in acceptLoop() }.start()
    }

    /// The URL a webhook channel should post to: `http://127.0.0.1:<port>/hook`.
    public var url: String { "http://127.0.0.1:\(port)/hook" }
    /// Every request received so far, in arrival order.
    public var requests: [Request] { state.withLock { $0.requests } }
    /// How many connections have been accepted so far.
    public var connections: Int { state.withLock { $0.connections } }

    /// Stops accepting; connections in progress end when their client closes. Call it when
    /// done: the accept thread keeps the server alive until then.
    public func stop() {
        let first = state.withLock { state in
            defer { state.stopped = true }
            return !state.stopped
        }
        // shutdown wakes the thread blocked in accept(); that thread then closes the socket.
        // Closing it here could let the descriptor be reused by another server while the
        // thread still calls accept() on that number.
        if first { shutdown(listener, Int32(SHUT_RDWR)) }
    }

    private func acceptLoop() {
        defer { close(listener) }
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0, !state.withLock({ $0.stopped }) else {
                if connection >= 0 { close(connection) }
                return
            }
            state.withLock { $0.connections += 1 }
            Thread { [self] in serve(connection) }.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var buffer = Data()
        var chunk = [UInt8](repeating: 0, count: 4096)
        func readMore() -> Bool {
            let count = recv(connection, &chunk, chunk.count, 0)
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[..<count])
            return true
        }
        let separator = Data("\r\n\r\n".utf8)
        while buffer.range(of: separator) == nil { guard readMore() else { return } }
        guard let end = buffer.range(of: separator) else { return }
        let head = String(decoding: buffer[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = head[0].split(separator: " ")
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces
            )
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count - end.upperBound < length { guard readMore() else { return } }
        let request = Request(
            method: String(requestLine.first ?? ""),
            path: String(requestLine.dropFirst().first ?? ""),
            headers: headers,
            receivedAt: Date(),
            body: Data(buffer[end.upperBound..<end.upperBound + length])
        )
        let number = state.withLock { state in
            state.requests.append(request)
            return state.requests.count
        }
        switch handler(request, number) {
        case .silence:
            // Hold the connection open until the client gives up and closes it.
            while readMore() {}
        case .status(let status, let extraHeaders, let body):
            var response = "HTTP/1.1 \(status) Test\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n"
            for (name, value) in extraHeaders { response += "\(name): \(value)\r\n" }
            response += "\r\n" + body
            let bytes = Array(response.utf8)
            _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }
    }
}
