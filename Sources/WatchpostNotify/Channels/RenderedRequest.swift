import Foundation

/// One HTTP header line, in the order it will be sent.
public struct HTTPHeader: Sendable, Hashable, CustomStringConvertible {
    /// The header name, as written (HTTP names are case-insensitive).
    public var name: String
    /// The header value; never contains CR or LF.
    public var value: String

    /// Creates a header.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// `"Name: value"`.
    public var description: String { "\(name): \(value)" }
}

/// An HTTP request exactly as it will go on the wire: what a gateway template renders to and
/// what the webhook channel builds, so tests can compare it byte for byte.
public struct RenderedRequest: Sendable, Hashable {
    /// The method, for example `POST`.
    public var method: String
    /// The absolute `http` or `https` URL, already percent-encoded.
    public var url: String
    /// The headers, in sending order.
    public var headers: [HTTPHeader]
    /// The body bytes; empty for none.
    public var body: Data

    /// Creates a request.
    public init(method: String, url: String, headers: [HTTPHeader], body: Data) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The first value of the header named `name` (case-insensitive), if present.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
