/// A command that could not do its work for a reason outside its arguments (a cluster that
/// refused, a file that is missing): printed as `Error: <reason>`, without the usage text.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
