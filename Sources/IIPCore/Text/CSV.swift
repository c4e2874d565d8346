import Foundation

/// RFC 4180 CSV: reading with the line each record starts on, and writing.
public enum CSV {
    public struct Record: Sendable, Equatable {
        /// 1-based line of the file where the record starts.
        public let line: Int
        public let fields: [String]
    }

    public struct Malformed: Error, Sendable, Equatable {
        public let line: Int
        public let message: String
    }

    /// Parses `text` (a leading byte-order mark is dropped). Blank lines are skipped.
    public static func parse(_ text: String) -> Result<[Record], Malformed> {
        var text = text
        var records: [Record] = []
        let malformed = text.withUTF8 { bytes in
            forEachRecord(in: bytes) { line, fields in records.append(Record(line: line, fields: fields)) }
        }
        return malformed.map { .failure($0) } ?? .success(records)
    }

    /// Calls `body` with each record of `bytes` (UTF-8, a leading byte-order mark is
    /// dropped, blank lines skipped) and the line it starts on, as it is read: a score file
    /// has hundreds of thousands of rows, and none of them needs to be held. Every
    /// delimiter is ASCII, so a field is a run of bytes between them, decoded once.
    /// Returns where the text stops being CSV, after the records before it.
    @discardableResult
    public static func forEachRecord(in bytes: UnsafeBufferPointer<UInt8>,
                                     _ body: (_ line: Int, _ fields: [String]) throws -> Void) rethrows -> Malformed? {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var fields: [String] = []
        /// A quoted field's text, its doubled quotes made single; an unquoted field is
        /// decoded straight from the bytes between `start` and the delimiter.
        var quoted: [UInt8] = []
        var fieldWasQuoted = false
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var start = index
        var line = 1
        var recordLine = 1
        var inQuotes = false
        func endField(at end: Int) {
            if fieldWasQuoted {
                fields.append(String(decoding: quoted, as: UTF8.self))
                quoted.removeAll(keepingCapacity: true)
            } else {
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            }
        }
        func endRecord(at end: Int) throws {
            let blank = fields.isEmpty && !fieldWasQuoted && end == start
            endField(at: end)
            if !blank { try body(recordLine, fields) }
            fields.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        while index < bytes.count {
            let c = bytes[index]
            index += 1
            if inQuotes {
                if c == quote {
                    if index < bytes.count, bytes[index] == quote {
                        quoted.append(quote)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == lf { line += 1 }
                    quoted.append(c)
                }
                continue
            }
            switch c {
            case quote:
                guard index - 1 == start, !fieldWasQuoted else {
                    return Malformed(line: line, message: "a quote inside an unquoted field; wrap the field in quotes and double the quote")
                }
                inQuotes = true
                fieldWasQuoted = true
            case comma:
                endField(at: index - 1)
                fieldWasQuoted = false
                start = index
            case cr:
                if index < bytes.count, bytes[index] == lf { continue }
                try endRecord(at: index - 1)
                start = index
                line += 1
                recordLine = line
            case lf:
                // A CR just before belongs to the line break.
                try endRecord(at: index - 1 > start && bytes[index - 2] == cr ? index - 2 : index - 1)
                start = index
                line += 1
                recordLine = line
            default:
                if fieldWasQuoted {
                    return Malformed(line: line, message: "text after a closing quote")
                }
            }
        }
        if inQuotes { return Malformed(line: recordLine, message: "a quoted field is never closed") }
        if start < bytes.count || !fields.isEmpty || fieldWasQuoted { try endRecord(at: bytes.count) }
        return nil
    }

    /// One line of CSV (without the line break), quoting only where needed. Looked for in
    /// the bytes: "\r\n" is one Character, equal to neither "\r" nor "\n", and a field
    /// holding it unquoted would split its record.
    public static func line(_ fields: [String]) -> String {
        fields.map { field in
            guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }
}
