import Foundation
import Testing
import WatchpostCore
import WatchpostNotify
import WatchpostPresentation

struct TemplateLinkSignerTests {
    typealias F = TemplateFixture
    let incident = UUID.v5(namespace: .watchpost, name: "link-test")
    let expiresAt = TemplateFixture.minutes(72 * 60)

    func code(_ result: Result<AcknowledgeGrant, AcknowledgeLinkError>) -> AcknowledgeLinkError.Code? {
        if case .failure(let error) = result { return error.code }
        return nil
    }

    @Test func signedLinkVerifiesToItsIncidentAndOfficer() throws {
        let signer = try F.signer()
        let link = signer.sign(incident: incident, officer: F.head, expiresAt: expiresAt)
        #expect(link.hasPrefix("https://watchpost.example.invalid/ack?incident=\(incident.uuidString.lowercased())"))
        #expect(link.contains("&officer=ht-thcs-binh-son&exp=1796196600&sig="))
        let grant = try signer.verify(link, now: F.t0).get()
        #expect(grant == AcknowledgeGrant(incidentID: incident, officerID: F.head, expiresAt: expiresAt))
        // Only the query is needed, and parameter order does not matter.
        let query = try #require(link.split(separator: "?").last)
        let reordered = query.split(separator: "&").reversed().joined(separator: "&")
        #expect(try signer.verify(reordered, now: F.t0).get() == grant)
    }

    @Test func defaultLinkLivesSeventyTwoHours() throws {
        let signer = try F.signer()
        let link = signer.link(incident: incident, officer: F.head, now: F.t0)
        #expect(try signer.verify(link, now: F.t0.addingTimeInterval(72 * 3600 - 1)).get().officerID == F.head)
        #expect(code(signer.verify(link, now: F.t0.addingTimeInterval(72 * 3600))) == .expired)
    }

    @Test(arguments: [
        ("officer=ht-thcs-binh-son", "officer=pht-thcs-binh-son"),
        ("exp=1796196600", "exp=1796196601"),
        ("incident=", "incident=0"),
    ])
    func tamperedFieldBreaksTheSignature(original: String, replacement: String) throws {
        let signer = try F.signer()
        var link = signer.sign(incident: incident, officer: F.head, expiresAt: expiresAt)
        if original == "incident=" {
            // Swap the incident for another valid UUID.
            link = link.replacingOccurrences(
                of: incident.uuidString.lowercased(),
                with: UUID.v5(namespace: .watchpost, name: "other").uuidString
            )
        } else {
            link = link.replacingOccurrences(of: original, with: replacement)
        }
        #expect(code(signer.verify(link, now: F.t0)) == .badSignature)
    }

    @Test func alteredSignatureWrongKeyAndExpiryAreRefused() throws {
        let signer = try F.signer()
        let link = signer.sign(incident: incident, officer: F.head, expiresAt: expiresAt)
        var flipped = Array(link)
        let index = flipped.index(flipped.endIndex, offsetBy: -5)
        flipped[index] = flipped[index] == "A" ? "B" : "A"
        #expect(code(signer.verify(String(flipped), now: F.t0)) == .badSignature)

        let other = try AcknowledgeLinkSigner(baseURL: F.baseURL, secret: String(repeating: "k", count: 40))
        #expect(code(other.verify(link, now: F.t0)) == .badSignature)

        #expect(code(signer.verify(link, now: expiresAt)) == .expired)
        // A tampered, expired link is reported as tampered: the signature is checked first.
        let tampered = link.replacingOccurrences(of: "officer=ht-", with: "officer=pht-")
        #expect(code(signer.verify(tampered, now: expiresAt.addingTimeInterval(3600))) == .badSignature)
    }

    @Test(arguments: [
        "incident=not-a-uuid&officer=a&exp=1&sig=AAAA",
        "https://watchpost.example.invalid/ack?officer=a&exp=1",
        "exp=12x",
        "",
    ])
    func malformedLinksAreRefused(link: String) throws {
        #expect(code(try F.signer().verify(link, now: F.t0)) == .malformed)
    }

    @Test func repeatedParameterIsRefused() throws {
        let signer = try F.signer()
        let link = signer.sign(incident: incident, officer: F.head, expiresAt: expiresAt)
        #expect(code(signer.verify(link + "&officer=pht-thcs-binh-son", now: F.t0)) == .malformed)
    }

    @Test func shortSecretAndBadBaseURLAreConfigurationErrors() {
        #expect(throws: AcknowledgeLinkError.self) {
            try AcknowledgeLinkSigner(baseURL: F.baseURL, secret: "short")
        }
        #expect(throws: AcknowledgeLinkError.self) {
            try AcknowledgeLinkSigner(baseURL: "watchpost.example.invalid", secret: F.secret)
        }
        do {
            _ = try AcknowledgeLinkSigner(baseURL: F.baseURL, secret: "short-secret")
        } catch {
            #expect(error.code == .weakKey)
            #expect(!error.message.contains("short-secret"))
        }
        #expect((try? AcknowledgeLinkSigner(baseURL: F.baseURL + "/", secret: F.secret))?.baseURL == F.baseURL)
    }
}
