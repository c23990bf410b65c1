import WatchpostCore

/// Authorisation by role and unit, from the directory. (Being built: issue 9.)
enum Access {
    /// Throws 401 without a principal, 403 unless it is a tool token with `read`.
    static func requireOperations(_ context: APIRequestContext) throws {
        guard let principal = context.principal else { throw APIError.unauthenticated() }
        guard case .tool = principal, principal.has(.read) else {
            throw APIError.forbidden(
                code: "operations_only",
                "/metrics is for an operations tool token with the read scope",
                vi: "/metrics chỉ dành cho mã truy cập vận hành có quyền đọc."
            )
        }
    }
}

extension Access {
    /// Throws 403 unless `principal` may send `event` (its type, for its unit and incident).
    /// (Being built: issue 9. Until then every event passes.)
    static func checkPublish(_ event: Event, by principal: Principal, directory: Directory) throws(APIError) {}
}
