import ArgumentParser
import WatchpostCore
import WatchpostPipeline

extension ConnectionOptions {
    /// The directory and policy from the configuration folder; on any problem, prints each as
    /// `file:line: message` on standard error and exits 1.
    func loadConfigurationOrExit() throws -> WatchpostConfiguration {
        do {
            return try loadConfiguration()
        } catch {
            CommandLogging.printProblems(error)
            throw ExitCode(1)
        }
    }

    /// The directory and policy from the configuration folder.
    func loadConfiguration() throws(ConfigError) -> WatchpostConfiguration {
        try WatchpostConfiguration.load(directoryFile: directoryFile, policyFile: policyFile)
    }
}
