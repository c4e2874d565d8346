import Foundation

/// Reads a whole file, refusing missing, unreadable and oversized ones with a reason a
/// person can act on.
public enum BoundedFile {
    public struct Failure: Error, Sendable, SaysBothLanguages {
        public let message: String
        public let chinese: String
        public var bilingual: Bilingual { Bilingual(message, chinese: chinese) }
    }

    public static func read(_ path: String, limit: Int) -> Result<Data, Failure> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(Failure(message: "no such file", chinese: "文件不存在"))
        }
        if isDirectory.boolValue { return .failure(Failure(message: "is a folder, not a file", chinese: "是文件夹，不是文件")) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(Failure(message: "cannot be read (permission denied?)", chinese: "无法读取（没有权限？）"))
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            if data.count > limit {
                return .failure(Failure(message: "is larger than \(limit >> 20) MiB, too large for this kind of file",
                                       chinese: "超过 \(limit >> 20) MiB，对这类文件来说太大"))
            }
            return .success(data)
        } catch {
            let reason = Bilingual(error)
            return .failure(Failure(message: "cannot be read: \(reason.english)", chinese: "无法读取（\(reason.chinese)）"))
        }
    }
}

/// Strict UTF-8 decoding that says where the text is broken.
public enum UTF8Text {
    public struct Invalid: Error, Sendable {
        public let line: Int
        public let byteOffset: Int
        /// What is wrong, without the line.
        public var reason: String { "not valid UTF-8 text (byte \(byteOffset + 1)); save the file as UTF-8" }
        public var message: String { "line \(line): " + reason }
    }

    /// The text without a leading byte-order mark, or where the first invalid byte is.
    public static func decode(_ data: Data) -> Result<String, Invalid> {
        // The standard library's check is fast; where the text is broken is found only when it is.
        let byteOrderMark = data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if let text = String(validating: data.dropFirst(byteOrderMark), as: UTF8.self) { return .success(text) }
        let bytes = [UInt8](data)
        let offset = firstInvalidOffset(bytes) ?? 0
        let line = bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        return .failure(Invalid(line: line, byteOffset: offset))
    }

    private static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }
}
