import Hummingbird

/// The officers' web pages. (Being built: issue 9.)
enum PageRoutes: RouteGroup {
    static let rules: [RouteRule] = []

    static func register(on router: Hummingbird.Router<APIRequestContext>, _ environment: APIEnvironment) {}
}
