import Testing
import WatchpostCore

/// The placeholder check behind every command's start-up refusal, and the fingerprints logged
/// instead of secrets.
@Suite("Placeholder settings and secret fingerprints")
struct PlaceholderSettingsTests {
    @Test("every setting holding CHANGE-ME in any case is named, sorted; real values are not")
    func placeholdersAreFoundInAnySettingAndCase() {
        let settings = [
            "WATCHPOST_LINK_SECRET": "CHANGE-ME-at-least-32-random-bytes-xxxxxxxxxx",
            "WATCHPOST_DATABASE_URL": "postgresql://watchpost:change-me@postgres:5432/watchpost",
            "SMS_API_KEY": "x-Change-Me-x",
            "WATCHPOST_EVENT_KEYS": "2026-12:Zk3v9Qd0mT6c1xWb8yRr2uLh5nAa7sPe4gJiKoVw",
            "PATH": "/usr/bin",
        ]
        #expect(
            PlaceholderSettings.offending(in: settings) == [
                "SMS_API_KEY", "WATCHPOST_DATABASE_URL", "WATCHPOST_LINK_SECRET",
            ]
        )
        let problems = PlaceholderSettings.problems(in: settings)
        #expect(problems.count == 3)
        #expect(problems.allSatisfy { !$0.contains("xxxxxxxxxx") && !$0.contains("change-me@") })
    }

    @Test("a fingerprint is stable, differs between secrets and does not contain the secret")
    func fingerprintsNameSecretsWithoutRevealingThem() throws {
        let secret = Array("Zk3v9Qd0mT6c1xWb8yRr2uLh5nAa7sPe4gJiKoVw".utf8)
        let fingerprint = SecretFingerprint.of(secret)
        #expect(fingerprint.count == 8)
        #expect(fingerprint.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(SecretFingerprint.of(secret) == fingerprint)
        #expect(SecretFingerprint.of(secret.dropLast() + [UInt8(ascii: "x")]) != fingerprint)
        let keyring = try EventKeyring(
            parsing: "new:\(String(decoding: secret, as: UTF8.self)),old:\(String(repeating: "o", count: 40))"
        )
        #expect(
            keyring.fingerprints == [
                "new=\(fingerprint)", "old=\(SecretFingerprint.of(Array(repeating: UInt8(ascii: "o"), count: 40)))",
            ]
        )
    }
}
