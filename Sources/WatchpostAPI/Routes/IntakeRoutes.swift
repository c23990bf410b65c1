import Hummingbird

/// (Being built: see issue 9.)
enum IntakeRoutes: RouteGroup {
    static let rules: [RouteRule] = []

    static func register(on router: Hummingbird.Router<APIRequestContext>, _ environment: APIEnvironment) {}
}
