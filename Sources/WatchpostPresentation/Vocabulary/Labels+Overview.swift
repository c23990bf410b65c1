extension Labels {
    static let overview: [String: Label] = [:]
}
