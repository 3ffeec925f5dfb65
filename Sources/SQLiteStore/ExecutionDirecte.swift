import Foundation
import GRDB
import GRDBSQLite

/// Runs a prepared statement with values computed beforehand, through SQLite's C interface. A batch executes
/// 4,000 statements inside its write transaction, the one part of ingestion that runs on a single core: GRDB's
/// generic binding of each value was a third of it.
extension Statement {
    /// Binds `valeurs` then `suite` to the parameters, in order, and steps the statement once.
    func executer(_ db: Database, _ valeurs: [DatabaseValue], puis suite: DatabaseValue...) throws {
        let s = sqliteStatement
        var n: Int32 = 0
        for v in valeurs {
            n += 1
            lier(v, n)
        }
        for v in suite {
            n += 1
            lier(v, n)
        }
        let rc = sqlite3_step(s)
        sqlite3_reset(s)
        sqlite3_clear_bindings(s)
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: rc),
                message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }, sql: sql)
        }
    }

    private func lier(_ v: DatabaseValue, _ k: Int32) {
        let s = sqliteStatement
        switch v.storage {
        case .null: sqlite3_bind_null(s, k)
        case .int64(let i): sqlite3_bind_int64(s, k, i)
        case .double(let d): sqlite3_bind_double(s, k, d)
        case .string(var t):
            t.withUTF8 { u in
                guard let p = u.baseAddress, u.count > 0 else {
                    _ = sqlite3_bind_text(s, k, "", 0, transitoire)
                    return
                }
                _ = sqlite3_bind_text(
                    s, k, UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self), Int32(u.count), transitoire)
            }
        case .blob(let d):
            d.withUnsafeBytes { u in _ = sqlite3_bind_blob(s, k, u.baseAddress, Int32(u.count), transitoire) }
        }
    }
}

/// SQLite copies the bound bytes (SQLITE_TRANSIENT).
private let transitoire = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
