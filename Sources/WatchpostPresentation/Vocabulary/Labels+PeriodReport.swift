extension Labels {
    static let periodReport: [String: Label] = [:]
}
