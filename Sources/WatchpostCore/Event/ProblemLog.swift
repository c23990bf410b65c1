/// Collects problems while one event is decoded, so the producer hears about all of them at once.
struct ProblemLog {
    private(set) var problems: [EventProblem] = []

    var isEmpty: Bool { problems.isEmpty }

    mutating func add(_ path: String, _ code: EventProblem.Code, _ reason: String) {
        problems.append(EventProblem(path: path, code: code, reason: reason))
    }
}
