import SystemZlib
import Foundation
import IIPCore

/// An imported file as the workspace keeps it: its SHA-256 (what the audit entry names)
/// and its bytes compressed with zlib. A national round's score file is 27 MB of very
/// repetitive CSV, about 4 MB compressed; keeping it whole is what makes every imported
/// number traceable, keeping it small is what keeps imports and backups quick.
struct KeptFile {
    let sha256: String
    let deflated: Data
    /// The size of the file itself.
    let size: Int

    /// The largest file kept: `scores import` reads none larger.
    static let largest = 64 << 20

    init(_ text: String) {
        var text = text
        self = text.withUTF8 { KeptFile($0) }
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        sha256 = ContentHash.sha256(UnsafeRawBufferPointer(bytes))
        size = bytes.count
        var length = compressBound(uLong(bytes.count))
        var output = Data(count: Int(length))
        let code = output.withUnsafeMutableBytes { out in
            // The fastest level: on 27 MB it takes a tenth of a second and saves six-sevenths.
            compress2(out.bindMemory(to: Bytef.self).baseAddress, &length, bytes.baseAddress, uLong(bytes.count), Z_BEST_SPEED)
        }
        // compress2 fails only without memory for its state; Data has none to give either.
        precondition(code == Z_OK, "zlib compress2 failed (\(code))")
        deflated = output.prefix(Int(length))
    }

    /// The kept text, or nil when the stored bytes are damaged or not what `size` says.
    /// A size no score file can have (one is refused above 64 MiB) is damage too: it is
    /// not trusted with the memory it would take.
    static func text(deflated: Data, size: Int) -> String? {
        guard size > 0 else { return size == 0 ? "" : nil }
        guard size <= largest, size <= deflated.count * 1032 else { return nil }
        var output = [UInt8](repeating: 0, count: size)
        var length = uLongf(size)
        let code = deflated.withUnsafeBytes { input in
            output.withUnsafeMutableBufferPointer { out in
                uncompress(out.baseAddress, &length, input.bindMemory(to: Bytef.self).baseAddress, uLong(input.count))
            }
        }
        guard code == Z_OK, Int(length) == size else { return nil }
        return String(validating: output, as: UTF8.self)
    }
}
