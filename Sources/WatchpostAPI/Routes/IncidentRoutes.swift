import Hummingbird

/// (Being built: see issue 9.)
enum IncidentRoutes: RouteGroup {
    static let rules: [RouteRule] = []

    static func register(on router: Hummingbird.Router<APIRequestContext>, _ environment: APIEnvironment) {}
}
