import ArgumentParser
import Foundation
import WatchpostNotify

/// `watchpost probe`: the container health check. Exits 0 when the health URL answers 200.
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Check a Watchpost process's health endpoint (the image's HEALTHCHECK).",
        discussion: """
            Fetches --url, else $WATCHPOST_HEALTH_URL, else http://127.0.0.1:9464/healthz (a \
            worker's metrics port); the api service sets http://127.0.0.1:8080/healthz. Exits 0 \
            on HTTP 200 and 1 otherwise, printing what it saw.
            """
    )

    @Option(help: "The URL to fetch. Default: $WATCHPOST_HEALTH_URL, else http://127.0.0.1:9464/healthz.")
    var url: String?

    @Option(help: "Seconds to wait for the answer.")
    var timeoutSeconds = 5

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let target =
            url ?? environment["WATCHPOST_HEALTH_URL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "http://127.0.0.1:9464/healthz"
        let request = RenderedRequest(method: "GET", url: target, headers: [], body: Data())
        do {
            let answer = try await PlainHTTP.send(request, timeout: .seconds(max(1, timeoutSeconds)))
            print("\(target): HTTP \(answer.status)")
            guard answer.status == 200 else { throw ExitCode(1) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            print("\(target): no answer (\(error))")
            throw ExitCode(1)
        }
    }
}
