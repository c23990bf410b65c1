extension Labels {
    static let reportForm: [String: Label] = [:]
}
