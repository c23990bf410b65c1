import CCurl
import WatchpostCore

/// Process-wide libcurl initialisation.
///
/// `curl_global_init` is not thread-safe and must run once before any other libcurl call.
/// A Swift `static let` is initialised lazily exactly once, under a lock the runtime provides,
/// so every caller can simply ask for `ensureInitialized()`.
enum CurlGlobal {
    private static let initResult: Int32 = Int32(curl_global_init(Int(CURL_GLOBAL_DEFAULT)).rawValue)

    /// Initialises libcurl on first use; throws if it could not be initialised.
    static func ensureInitialized(channel: ChannelKind) throws(DeliveryError) {
        let result = initResult
        if result != 0 {
            throw DeliveryError(
                .configuration,
                channel: channel,
                message: "libcurl could not be initialised (CURLcode \(result))",
                curlCode: Int(result)
            )
        }
    }
}
