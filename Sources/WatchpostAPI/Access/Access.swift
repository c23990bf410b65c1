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
