import Foundation

/// Runs an identity query; a database failure becomes `503 database_unavailable` (logged), so
/// no route answers a half-done sign-in as if it had worked.
enum IdentityDatabase {
    static func run<Value>(
        _ environment: APIEnvironment,
        _ action: String,
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> Value
    ) async throws(APIError) -> Value {
        do {
            return try await body()
        } catch let error as APIError {
            throw error
        } catch {
            environment.logger.error(
                "identity: database failed",
                metadata: ["action": "\(action)", "error": "\(error)"]
            )
            throw APIError(
                .serviceUnavailable,
                code: .databaseUnavailable,
                message: "the database is unavailable while \(action); try again in a moment",
                vi: "Cơ sở dữ liệu tạm thời không sẵn sàng; đề nghị thử lại sau ít phút."
            )
        }
    }
}
