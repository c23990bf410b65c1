/// Runs a call that throws `APIError` and returns its outcome as a `Result`, so a page can
/// answer some errors itself (a form's field problems) and pass the others on.
///
/// A `do throws(APIError)` whose `catch … where` is not exhaustive hangs SIL generation in
/// Swift 6.3.1, and an untyped `do` warns that `as APIError` is always true; a `switch` over
/// the result needs neither.
enum PageAttempt {
    static func run<Value>(_ body: () async throws(APIError) -> Value) async -> Result<Value, APIError> {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }
}
