import Hummingbird

/// A set of routes with their access rules. `APIServer` registers every group; the
/// authorisation-matrix test reads every group's `rules`.
public protocol RouteGroup {
    /// The rule of each route this group registers.
    static var rules: [RouteRule] { get }
    /// Registers the group's routes on `router`.
    static func register(on router: Hummingbird.Router<APIRequestContext>, _ environment: APIEnvironment)
}
