extension Labels {
    static let incident: [String: Label] = [:]
}
