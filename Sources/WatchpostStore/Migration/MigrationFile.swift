import Foundation

/// One versioned SQL file, `NNNN_name.sql`, shipped in the module's `Migrations` resource folder.
struct MigrationFile: Sendable, Hashable {
    /// The number before the underscore; migrations run in increasing order.
    var version: Int
    /// The part after the underscore, without `.sql`.
    var name: String
    /// The whole file.
    var sql: String

    /// A stable fingerprint of the text (64-bit FNV-1a, hex), recorded when the migration is
    /// applied so that a later edit of an applied file is caught instead of silently ignored.
    var checksum: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Every migration in the module bundle, in version order.
    static func bundled() throws(StoreError) -> [MigrationFile] {
        guard let folder = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw StoreError(
                code: .migrationFiles,
                message: "the Migrations resource folder is missing from the WatchpostStore bundle"
            )
        }
        return try load(folder: folder)
    }

    /// Every `NNNN_name.sql` in `folder`, in version order. Other files are ignored; two files
    /// with one version, or a `.sql` file without a version, are errors.
    static func load(folder: URL) throws(StoreError) -> [MigrationFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw StoreError(code: .migrationFiles, message: "cannot list \(folder.path): \(error)")
        }
        var files: [MigrationFile] = []
        for fileName in names where fileName.hasSuffix(".sql") {
            let stem = fileName.dropLast(4)
            let parts = stem.split(separator: "_", maxSplits: 1)
            guard parts.count == 2, let version = Int(parts[0]), version > 0 else {
                throw StoreError(
                    code: .migrationFiles,
                    message: "migration file \(fileName) is not named NNNN_name.sql"
                )
            }
            let sql: String
            do {
                sql = try String(contentsOf: folder.appendingPathComponent(fileName), encoding: .utf8)
            } catch {
                throw StoreError(code: .migrationFiles, message: "cannot read migration \(fileName): \(error)")
            }
            if let other = files.first(where: { $0.version == version }) {
                throw StoreError(
                    code: .migrationFiles,
                    message: "migrations \(other.name) and \(parts[1]) both have version \(version)"
                )
            }
            files.append(MigrationFile(version: version, name: String(parts[1]), sql: sql))
        }
        return files.sorted { $0.version < $1.version }
    }
}
