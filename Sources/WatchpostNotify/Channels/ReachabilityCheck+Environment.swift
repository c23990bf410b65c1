import Foundation
import WatchpostCore

extension ReachabilityCheck {
    /// The check for the channels this process's environment configures, read the way the
    /// dispatcher reads them (`ChannelConfiguration.fromEnvironment`, `WATCHPOST_DEV_DELIVERY`),
    /// so the worker, `watchpost directory check` and `watchpost status` agree with what the
    /// dispatcher can actually send on.
    ///
    /// - Throws: `DeliveryError` (`.configuration`) when a channel setting is wrong, as the
    ///   dispatcher would.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(DeliveryError) -> ReachabilityCheck {
        let configuration = try ChannelConfiguration.fromEnvironment(environment)
        var kinds: Set<ChannelKind> = []
        if configuration.email != nil { kinds.insert(.email) }
        // A directory `phone` is reached by SMS.
        if configuration.sms != nil { kinds.insert(.sms) }
        if configuration.zalo != nil || configuration.zns != nil { kinds.insert(.zalo) }
        if configuration.webhook != nil { kinds.insert(.webhook) }
        // The console only counts in development, where the override sends everything to it.
        let overrides = try DevDeliveryTargets.parse(environment: environment) != nil
        return ReachabilityCheck(configuredKinds: kinds, overridesChannels: overrides)
    }

    /// The findings for `configuration`, whose directory was read from `directoryFile`.
    public func findings(_ configuration: WatchpostConfiguration, directoryFile: URL) -> [ReachabilityFinding] {
        findings(directory: configuration.directory, policy: configuration.policy, file: directoryFile.path)
    }
}
