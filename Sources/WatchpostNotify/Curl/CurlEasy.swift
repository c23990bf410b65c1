import CCurl
import Foundation
import Synchronization
import WatchpostCore

/// Owns one libcurl easy handle and everything it points at for one transfer.
///
/// `@unchecked Sendable` is safe because the handle is used by one thread at a time: it is
/// configured by the sending task, performed on one `CurlTransferPool` thread, and read again
/// by the sending task only after the pool has resumed its continuation (which orders the
/// accesses). The one thing touched concurrently, the cancellation flag, is in a `Mutex`.
final class CurlEasy: @unchecked Sendable {
    /// Response bytes beyond this are dropped: we only need a snippet for errors and ids.
    static let maximumResponseBytes = 64 * 1024

    let channel: ChannelKind
    private let handle: UnsafeMutableRawPointer
    private var lists: [UnsafeMutablePointer<curl_slist>] = []
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let cancelled = Mutex(false)
    private(set) var response = Data()
    private var upload = Data()
    private var uploadOffset = 0

    /// Creates a handle with the options every Watchpost transfer needs.
    init(channel: ChannelKind) throws(DeliveryError) {
        try CurlGlobal.ensureInitialized(channel: channel)
        guard let handle = curl_easy_init() else {
            throw DeliveryError(.configuration, channel: channel, message: "curl_easy_init failed")
        }
        self.channel = channel
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        // Signals cannot be used for timeouts in a multithreaded process.
        try set(CURLOPT_NOSIGNAL, 1)
        try check(wp_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), CURLOPT_ERRORBUFFER)
        let me = Unmanaged.passUnretained(self).toOpaque()
        try check(wp_curl_setopt_write_callback(handle, curlEasyWrite, me), CURLOPT_WRITEFUNCTION)
        try check(wp_curl_setopt_xferinfo_callback(handle, curlEasyProgress, me), CURLOPT_XFERINFOFUNCTION)
    }

    deinit {
        curl_easy_cleanup(handle)
        for list in lists { curl_slist_free_all(list) }
        errorBuffer.deallocate()
    }

    func set(_ option: CURLoption, _ value: Int) throws(DeliveryError) {
        try check(wp_curl_setopt_long(handle, option, value), option)
    }

    func set(_ option: CURLoption, _ value: String) throws(DeliveryError) {
        try check(wp_curl_setopt_string(handle, option, value), option)
    }

    /// Sets a list option (headers, recipients); the list lives as long as this handle.
    func set(_ option: CURLoption, list values: [String]) throws(DeliveryError) {
        var list: UnsafeMutablePointer<curl_slist>?
        for value in values {
            guard let appended = curl_slist_append(list, value) else {
                if let list { curl_slist_free_all(list) }
                throw DeliveryError(.configuration, channel: channel, message: "out of memory building a list")
            }
            list = appended
        }
        guard let list else { return }
        lists.append(list)
        try check(wp_curl_setopt_slist(handle, option, list), option)
    }

    /// Sends `body` as the request body (HTTP); curl keeps its own copy.
    func setRequestBody(_ body: Data) throws(DeliveryError) {
        try check(
            wp_curl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)),
            CURLOPT_POSTFIELDSIZE_LARGE
        )
        let code = body.withUnsafeBytes { bytes in
            // An empty Data may have no base address; curl still needs a valid pointer.
            wp_curl_setopt_pointer(
                handle,
                CURLOPT_COPYPOSTFIELDS,
                UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(errorBuffer))
            )
        }
        try check(code, CURLOPT_COPYPOSTFIELDS)
    }

    /// Uploads `data` through the read callback (SMTP message content).
    func setUpload(_ data: Data) throws(DeliveryError) {
        upload = data
        uploadOffset = 0
        try set(CURLOPT_UPLOAD, 1)
        try check(
            wp_curl_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(data.count)),
            CURLOPT_INFILESIZE_LARGE
        )
        let me = Unmanaged.passUnretained(self).toOpaque()
        try check(wp_curl_setopt_read_callback(handle, curlEasyRead, me), CURLOPT_READFUNCTION)
    }

    /// Runs the transfer. Blocks: call only from a `CurlTransferPool` thread.
    func performBlocking() -> CURLcode {
        curl_easy_perform(handle)
    }

    /// Asks a running (or not yet started) transfer to stop at its next progress tick.
    func cancel() {
        cancelled.withLock { $0 = true }
    }

    var isCancelled: Bool { cancelled.withLock { $0 } }

    /// The last HTTP status or SMTP reply code, or 0 when none was received.
    var responseCode: Int {
        var code = 0
        _ = wp_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    /// The server's `Retry-After`, when it sent one.
    var retryAfter: Duration? {
        var seconds: curl_off_t = 0
        guard wp_curl_getinfo_off_t(handle, CURLINFO_RETRY_AFTER, &seconds) == CURLE_OK, seconds > 0 else {
            return nil
        }
        return .seconds(Int64(seconds))
    }

    /// libcurl's detailed message for the last failure, or its generic text for `code`.
    func failureDetail(_ code: CURLcode) -> String {
        let detail = String(cString: errorBuffer)
        return detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }

    fileprivate func appendResponse(_ bytes: UnsafeRawBufferPointer) {
        let room = Self.maximumResponseBytes - response.count
        if room > 0 { response.append(contentsOf: bytes.prefix(room)) }
    }

    fileprivate func readUpload(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, upload.count - uploadOffset)
        guard count > 0 else { return 0 }
        upload.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[uploadOffset..<uploadOffset + count]))
        }
        uploadOffset += count
        return count
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(DeliveryError) {
        guard code != CURLE_OK else { return }
        throw DeliveryError(
            .configuration,
            channel: channel,
            message: "libcurl rejected option \(option.rawValue): \(String(cString: curl_easy_strerror(code)))",
            curlCode: Int(code.rawValue)
        )
    }
}

private func curlEasyWrite(
    _ data: UnsafeMutablePointer<CChar>?,
    _ size: Int,
    _ count: Int,
    _ userdata: UnsafeMutableRawPointer?
) -> Int {
    guard let data, let userdata else { return 0 }
    let easy = Unmanaged<CurlEasy>.fromOpaque(userdata).takeUnretainedValue()
    easy.appendResponse(UnsafeRawBufferPointer(start: data, count: size * count))
    return size * count
}

private func curlEasyRead(
    _ buffer: UnsafeMutablePointer<CChar>?,
    _ size: Int,
    _ count: Int,
    _ userdata: UnsafeMutableRawPointer?
) -> Int {
    guard let buffer, let userdata else { return Int(CURL_READFUNC_ABORT) }
    let easy = Unmanaged<CurlEasy>.fromOpaque(userdata).takeUnretainedValue()
    return easy.readUpload(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
}

private func curlEasyProgress(
    _ userdata: UnsafeMutableRawPointer?,
    _: curl_off_t,
    _: curl_off_t,
    _: curl_off_t,
    _: curl_off_t
) -> Int32 {
    guard let userdata else { return 0 }
    // A non-zero return aborts the transfer with CURLE_ABORTED_BY_CALLBACK.
    return Unmanaged<CurlEasy>.fromOpaque(userdata).takeUnretainedValue().isCancelled ? 1 : 0
}
