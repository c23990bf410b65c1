/// The version printed by `watchpost --version`.
enum WatchpostVersion {
    static let current = "0.1.0"
}
