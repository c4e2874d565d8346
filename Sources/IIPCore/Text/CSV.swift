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
    /// Works on the UTF-8 bytes: every delimiter is ASCII, so a field is a run of bytes
    /// between them, decoded once (a score file has hundreds of thousands of rows).
    public static func parse(_ text: String) -> Result<[Record], Malformed> {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var fieldWasQuoted = false
        var index = 0
        func endRecord() {
            fields.append(String(decoding: field, as: UTF8.self))
            if !(fields.count == 1 && field.isEmpty && !fieldWasQuoted) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        while index < bytes.count {
            let c = bytes[index]
            index += 1
            if inQuotes {
                if c == quote {
                    if index < bytes.count, bytes[index] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == lf { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case quote:
                guard field.isEmpty, !fieldWasQuoted else {
                    return .failure(Malformed(line: line, message: "a quote inside an unquoted field; wrap the field in quotes and double the quote"))
                }
                inQuotes = true
                fieldWasQuoted = true
            case comma:
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                fieldWasQuoted = false
            case cr:
                if index < bytes.count, bytes[index] == lf { continue }
                endRecord()
                line += 1
                recordLine = line
            case lf:
                endRecord()
                line += 1
                recordLine = line
            default:
                if fieldWasQuoted {
                    return .failure(Malformed(line: line, message: "text after a closing quote"))
                }
                field.append(c)
            }
        }
        if inQuotes { return .failure(Malformed(line: recordLine, message: "a quoted field is never closed")) }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        return .success(records)
    }

    /// One line of CSV (without the line break), quoting only where needed.
    public static func line(_ fields: [String]) -> String {
        fields.map { field in
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }
}
