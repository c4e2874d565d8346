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
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var fieldWasQuoted = false
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var index = 0
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
            field = ""
            fieldWasQuoted = false
        }
        while index < chars.count {
            let c = chars[index]
            index += 1
            if inQuotes {
                if c == "\"" {
                    if index < chars.count, chars[index] == "\"" {
                        field.unicodeScalars.append("\"")
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty, !fieldWasQuoted else {
                    return .failure(Malformed(line: line, message: "a quote inside an unquoted field; wrap the field in quotes and double the quote"))
                }
                inQuotes = true
                fieldWasQuoted = true
            case ",":
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            case "\r":
                if index < chars.count, chars[index] == "\n" { continue }
                endRecord()
                line += 1
                recordLine = line
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            default:
                if fieldWasQuoted {
                    return .failure(Malformed(line: line, message: "text after a closing quote"))
                }
                field.unicodeScalars.append(c)
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
