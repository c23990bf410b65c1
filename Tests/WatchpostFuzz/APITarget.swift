import WatchpostAPI
import WatchpostCore

/// Fuzzes the API's request parsing: the JSON bodies of the action routes (`ActionRequest`) and
/// the query of `GET /v1/incidents` (`IncidentListQuery`). An input's first byte chooses the
/// request (a route, or the query); the rest is the body or the query string.
///
/// Properties: no crash; a refusal is a 400 with a message and problems, each with a reason,
/// naming a field unless the body as a whole is not JSON.
public struct APITarget: FuzzTarget {
    /// The target\'s name on the command line and in the corpus.
    public let name = "api"
    private let directory: Directory
    private let routes = ActionRequest.routes

    /// The largest body or query made: the action routes' body limit and a little more.
    public static let maximumSize = 20 * 1024

    /// Creates the target; `directory` decides which `unit` values are known.
    public init(directory: Directory) { self.directory = directory }

    /// A damaged variant of a seed; see `FuzzTarget.generate(_:)`.
    public func generate(_ random: inout FuzzRandom) -> [UInt8] {
        let selector = random.index(routes.count + 1)
        let payload =
            selector == routes.count
            ? Array(APIInputs.query(&random).utf8) : APIInputs.body(route: routes[selector], &random)
        return [UInt8(selector)] + payload.prefix(Self.maximumSize)
    }

    /// Runs the function and checks the properties listed above.
    public func check(_ input: [UInt8]) -> Result<FuzzOutcome, FuzzViolation> {
        guard let selector = input.first else { return .success(.rejected(label: "empty input")) }
        let payload = Array(input.dropFirst())
        let index = Int(selector) % (routes.count + 1)
        do throws(APIError) {
            if index == routes.count {
                let query = String(decoding: payload, as: UTF8.self)
                _ = try IncidentListQuery.filter(uri: "/v1/incidents?" + query, directory: directory)
            } else {
                _ = try ActionRequest.parse(payload, route: routes[index])
            }
            return .success(.accepted)
        } catch {
            return Self.check(error, query: index == routes.count)
        }
    }

    private static func check(_ error: APIError, query: Bool) -> Result<FuzzOutcome, FuzzViolation> {
        guard error.status == .badRequest else {
            return .failure(FuzzViolation("answered \(error.status.code), not 400: \(error.message)"))
        }
        guard let first = error.problems.first, !error.message.isEmpty else {
            return .failure(FuzzViolation("a 400 without problems: \(error.message)"))
        }
        for problem in error.problems {
            if problem.reason.allSatisfy(\.isWhitespace) {
                return .failure(FuzzViolation("a problem without a reason: \(problem.path)"))
            }
            if problem.path.isEmpty && (query || problem.code != .notJSON) {
                return .failure(FuzzViolation("a \(problem.code.rawValue) problem names no field: \(problem.reason)"))
            }
        }
        return .success(.rejected(label: "\(query ? "query" : "body") \(error.code): \(first.code.rawValue)"))
    }
}
