import GRDB
import GRDBSQLite

/// A prepared statement driven through SQLite's own interface, for the hundreds of
/// thousands of rows of a score file: GRDB's general binding (an array of values per
/// row) costs more there than the insert itself. Only ever used inside a GRDB
/// transaction, on its connection; text only, which is all the score tables hold.
final class RawStatement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer

    /// The texts of one run, end to end, which SQLite reads in place (`SQLITE_STATIC`)
    /// instead of copying each into memory of its own.
    private var buffer: [UInt8] = []
    private var spans: [(start: Int, count: Int)?] = []

    init(_ db: Database, sql: String) throws {
        guard let connection = db.sqliteConnection else { throw WorkspaceError("the workspace database is closed", chinese: "工作区数据库已关闭") }
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &handle, nil)
        guard code == SQLITE_OK, let handle else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        self.handle = handle
        self.connection = connection
        buffer.reserveCapacity(256)
    }

    deinit { sqlite3_finalize(handle) }

    /// Runs a statement that returns no rows, with `texts` as its parameters in order (nil is NULL).
    func run(_ texts: [String?]) throws {
        try execute(texts) { code in
            guard code == SQLITE_DONE else { throw failure(code) }
            return false
        }
    }

    /// Runs a query with `texts` as its parameters, handing `body` each row's text columns (NULL as nil).
    func rows(_ texts: [String?], columns: Int32, _ body: ([String?]) throws -> Void) throws {
        try execute(texts) { code in
            if code == SQLITE_DONE { return false }
            guard code == SQLITE_ROW else { throw failure(code) }
            try body((0..<columns).map { column in
                // By its length, not up to a NUL: a comment may hold one.
                sqlite3_column_text(handle, column).map {
                    String(decoding: UnsafeBufferPointer(start: $0, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
                }
            })
            return true
        }
    }

    /// Binds `texts`, steps while `step` says so, then resets and unbinds: no parameter
    /// is left pointing into the buffer once the run is over.
    private func execute(_ texts: [String?], step: (Int32) throws -> Bool) throws {
        // Worked on as locals and put back after: a class's stored property changed in a
        // loop is checked for exclusive access on every change.
        var buffer = self.buffer
        var spans = self.spans
        self.buffer = []
        self.spans = []
        defer {
            buffer.removeAll(keepingCapacity: true)
            spans.removeAll(keepingCapacity: true)
            self.buffer = buffer
            self.spans = spans
        }
        for text in texts {
            guard let text else {
                spans.append(nil)
                continue
            }
            spans.append((buffer.count, text.utf8.count))
            buffer.append(contentsOf: text.utf8)
        }
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        try buffer.withUnsafeBufferPointer { bytes in
            for (offset, span) in spans.enumerated() {
                let index = Int32(offset + 1)
                let code: Int32
                if let span {
                    // Never a null pointer, even for an empty text or an empty buffer: that would bind NULL.
                    let start = bytes.baseAddress.map { UnsafeRawPointer($0 + span.start) } ?? UnsafeRawPointer(RawStatement.empty)
                    // No destructor (`SQLITE_STATIC`): the text stays in `buffer` until the run is over.
                    code = sqlite3_bind_text(handle, index, start.assumingMemoryBound(to: CChar.self), Int32(span.count), nil)
                } else {
                    code = sqlite3_bind_null(handle, index)
                }
                guard code == SQLITE_OK else { throw failure(code) }
            }
            while try step(sqlite3_step(handle)) {}
        }
    }

    private static let empty: UnsafeMutablePointer<UInt8> = {
        let byte = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        byte.initialize(to: 0)
        return byte
    }()

    private func failure(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)),
                      sql: sqlite3_sql(handle).map { String(cString: $0) })
    }
}
