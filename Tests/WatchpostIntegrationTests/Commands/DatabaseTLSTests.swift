import Foundation
import Testing

/// A managed PostgreSQL that demands TLS and client certificates works through the URL or a
/// conninfo string, with no code change: libpq does the TLS, Watchpost passes its settings on.
@Suite("Database TLS", .timeLimit(.minutes(5)))
struct DatabaseTLSTests {
    @Test func verifyFullWithAClientCertificateWorksThroughTheURLAndTheConninfo() async throws {
        let cluster = try await PipelinePrivateCluster.start(script: PipelineOutageTests.script)
        do {
            try await checkTLS(cluster)
            await cluster.destroy()
        } catch {
            await cluster.destroy()
            throw error
        }
    }

    private func checkTLS(_ cluster: PipelinePrivateCluster) async throws {
        let role = "watchpost_tls"
        let psql = "psql -X -q -h 127.0.0.1 -p \(cluster.port) -U postgres -d postgres"
        _ = try await PipelinePrivateCluster.shell(
            "\(psql) -c 'CREATE ROLE \(role) LOGIN' -c 'CREATE DATABASE \(role) OWNER \(role)'"
        )
        try await cluster.stop()
        let certs = cluster.folder.appendingPathComponent("certs").path
        _ = try await PipelinePrivateCluster.shell(
            "bash '\(PipelineOutageTests.script)' tls '\(cluster.data)' '\(certs)' \(role)"
        )
        try await cluster.start()

        let files = "sslrootcert=\(certs)/ca.crt&sslcert=\(certs)/client.crt&sslkey=\(certs)/client.key"
        let url = "postgresql://\(role)@localhost:\(cluster.port)/\(role)?sslmode=verify-full&\(files)"
        let viaURL = try await PipelineCommandTests.watchpost(["migrate", "--database-url", url])
        #expect(viaURL.status == 0, "\(viaURL.output)")
        #expect(viaURL.output.contains("applied migrations"), "\(viaURL.output)")

        let conninfo =
            "host=localhost port=\(cluster.port) dbname=\(role) user=\(role) sslmode=verify-full "
            + files.replacingOccurrences(of: "&", with: " ")
        let viaConninfo = try await PipelinePrivateCluster.shell(
            "WATCHPOST_DATABASE_URL='\(conninfo)' '\(try PipelinePaths.binary().path)' migrate"
        )
        #expect(viaConninfo.contains("database is up to date"), "\(viaConninfo)")

        // The server allows this role only over TLS with its certificate, so both runs used them.
        let noCertificate = try await PipelineCommandTests.watchpost([
            "migrate", "--database-url",
            "postgresql://\(role)@localhost:\(cluster.port)/\(role)?sslmode=verify-full&sslrootcert=\(certs)/ca.crt",
        ])
        #expect(noCertificate.status != 0)
        #expect(noCertificate.output.contains("requires a valid client certificate"), "\(noCertificate.output)")

        // verify-full checks the host name: the certificate names only `localhost`.
        let wrongName = try await PipelineCommandTests.watchpost([
            "migrate", "--database-url",
            "postgresql://\(role)@127.0.0.1:\(cluster.port)/\(role)?sslmode=verify-full&\(files)",
        ])
        #expect(wrongName.status != 0)
        #expect(wrongName.output.contains("does not match host name"), "\(wrongName.output)")
    }
}
