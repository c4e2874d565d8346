import Crypto
import Foundation

/// SHA-256 in lowercase hex: how iipeval identifies a file's content.
public enum ContentHash {
    public static func sha256(_ data: Data) -> String {
        data.withUnsafeBytes { sha256($0) }
    }

    public static func sha256(_ text: String) -> String {
        // The text's own bytes where they are contiguous (a score file is tens of megabytes).
        text.utf8.withContiguousStorageIfAvailable { sha256(UnsafeRawBufferPointer($0)) } ?? sha256(Data(text.utf8))
    }

    public static func sha256(_ bytes: UnsafeRawBufferPointer) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// Lowercase hex, two digits a byte (String(format:) is slow for a thousand files).
    private static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
