import Foundation
import HTTPTypes
import Hummingbird
import Kafka
import Logging
import Postgres
import ServiceLifecycle
import WatchpostCore
import WatchpostPresentation

/// `watchpost api`: the HTTP API and the web pages for officers and monitoring staff. It reads
/// PostgreSQL and produces signed events to Kafka; the workers stay the only writers of incident
/// state.
public enum APIServer {
    /// Every route group, in registration order.
    public static var groups: [any RouteGroup.Type] {
        [
            OperationsRoutes.self, IdentityRoutes.self, IntakeRoutes.self, IncidentRoutes.self, RelatedRoutes.self,
            DeclarationRoutes.self,
            ReplyRoutes.self, SMSReceiptRoutes.self, ZaloEventRoutes.self,
            PageRoutes.self,
        ]
    }

    /// Every route's rule.
    public static var rules: [RouteRule] { groups.flatMap { $0.rules } }

    /// The router with every group and the middleware, for `environment`.
    public static func router(_ environment: APIEnvironment) -> Hummingbird.Router<APIRequestContext> {
        let router = Hummingbird.Router(context: APIRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware(strictTransport: environment.settings.settings.servesTLS))
        router.add(middleware: ClientAddressMiddleware(trusted: environment.settings.settings.trustedProxies))
        router.add(middleware: RequestMetricsMiddleware(registry: environment.registry))
        router.add(middleware: AuthenticationMiddleware(environment: environment))
        for group in groups { group.register(on: router, environment) }
        return router
    }

    /// Loads the configuration, opens the pool and the producer, and returns the application
    /// and the environment it serves. The caller runs the application and, afterwards, closes
    /// the pool and the producer (`environment.close()`).
    public static func build(
        settings: APISettings,
        logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> (application: any Service, environment: APIEnvironment) {
        let (resolved, warnings) = try settings.resolve()
        for warning in warnings { logger.warning("\(warning)") }
        // A missing or broken page template stops the server here, not at the first page.
        try HTMLTemplates.check()
        let configuration = try WatchpostConfiguration.load(
            directoryFile: settings.directoryFile,
            policyFile: settings.policyFile
        )
        let pool = PostgresPool(
            configuration: settings.database,
            maxConnections: settings.databaseConnections,
            logger: logger
        )
        var connection = KafkaConnectionConfiguration(bootstrapBrokers: settings.brokers)
        connection.clientID = "watchpost-api"
        connection.additionalProperties = settings.kafkaProperties
        var producerConfiguration = KafkaProducerConfiguration(connection: connection)
        producerConfiguration.messageTimeout = settings.produceTimeout
        let producer: KafkaProducer
        let admin: KafkaAdmin
        do {
            producer = try KafkaProducer(configuration: producerConfiguration, logger: logger)
            admin = try KafkaAdmin(connection: connection, logger: logger)
        } catch {
            await pool.close()
            throw error
        }
        let environment = APIEnvironment(
            settings: resolved,
            directory: configuration.directory,
            policy: configuration.policy,
            pool: pool,
            producer: producer,
            admin: admin,
            logger: logger,
            now: now
        )
        let application = Application(
            router: router(environment),
            server: server(settings),
            configuration: ApplicationConfiguration(
                address: .hostname(settings.host, port: settings.port),
                serverName: "watchpost-api"
            ),
            logger: logger
        )
        return (application, environment)
    }
}

extension APIEnvironment {
    /// Closes the producer (delivering what is queued) and the pool.
    public func close() async {
        await producer.close(timeout: .seconds(5))
        await pool.close()
    }
}

/// Headers every response carries: no framing, no sniffing, a strict content policy (no script
/// at all: the pages are plain forms), and no referrer to other sites (an incident URL never
/// leaks); same-origin referrers stay, since with `no-referrer` browsers send `Origin: null` on
/// form posts and the CSRF origin check would refuse every form. Over an https public URL,
/// `Strict-Transport-Security` too: browsers then never try plain http for a year.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    /// Whether to send HSTS (the public URL is https).
    var strictTransport = false

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        response.headers[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        if strictTransport {
            response.headers[HTTPField.Name("Strict-Transport-Security")!] = "max-age=31536000; includeSubDomains"
        }
        return response
    }
}
