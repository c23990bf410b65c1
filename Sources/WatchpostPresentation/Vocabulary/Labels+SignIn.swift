extension Labels {
    static let signIn: [String: Label] = [:]
}
