import Crypto
import Foundation

/// The fingerprint of an expert's Ed25519 signing key, as people compare it on paper: the
/// first 128 bits of the SHA-256 of the raw public key, written `ed25519:` and 32 hex digits
/// in groups of four. The panel file names it (`key:`), `iipeval key show` prints it, and
/// the pledge and every printed sheet carry it, so a chair can tell the expert's key from
/// anyone else's.
public struct KeyFingerprint: Sendable, Hashable, CustomStringConvertible {
    /// 32 lowercase hex digits.
    public let hex: String

    public init(publicKey: Data) {
        hex = String(ContentHash.sha256(publicKey).prefix(32))
    }

    /// The fingerprint of `key`'s public half.
    public init(of key: Curve25519.Signing.PrivateKey) {
        self.init(publicKey: key.publicKey.rawRepresentation)
    }

    /// Reads a fingerprint as people write it: with or without `ed25519:`, in groups or
    /// not, in either case. Nil unless exactly 32 hex digits remain.
    public init?(_ text: String) {
        var digits = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if digits.hasPrefix("ed25519:") { digits.removeFirst("ed25519:".count) }
        digits.removeAll { $0 == " " || $0 == "-" || $0 == ":" }
        guard digits.utf8.count == 32, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            return nil
        }
        hex = digits
    }

    /// `ed25519:9f3a 1b2c …`: the groups make it easy to read out and compare.
    public var description: String {
        "ed25519:" + stride(from: 0, to: hex.count, by: 4).map { String(hex.dropFirst($0).prefix(4)) }.joined(separator: " ")
    }
}
