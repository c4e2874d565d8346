import Foundation
import GRDB
import IIPCore

/// The workspace database's schema, one migration per change; never edit a shipped one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "meta") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
            try db.create(table: "dossier") { t in
                t.primaryKey("id", .text)
                t.column("file", .text).notNull()
                t.column("source", .text).notNull()
                t.column("sha256", .text).notNull()
                t.column("type", .text).notNull()
                t.column("platform", .text).notNull()
            }
            try db.create(table: "expert") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("affiliation", .text).notNull()
                t.column("stages", .text).notNull()  // comma-separated stage ids
                t.column("conflicts", .text).notNull()  // comma-separated dossier ids from the panel file
            }
            try db.create(table: "score") { t in
                t.column("expert", .text).notNull().references("expert")
                t.column("dossier", .text).notNull().references("dossier")
                t.column("stage", .text).notNull()
                t.column("item", .text).notNull()
                t.column("points", .text)  // exact decimal text, NULL while only a comment is saved
                t.column("comment", .text).notNull().defaults(to: "")
                t.column("updated_at", .text).notNull()
                t.primaryKey(["expert", "dossier", "stage", "item"])
            }
            try db.create(table: "override") { t in
                t.column("dossier", .text).notNull().references("dossier")
                t.column("code", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("at", .text).notNull()
                t.primaryKey(["dossier", "code"])
            }
            try db.create(table: "audit") { t in
                t.autoIncrementedPrimaryKey("seq")
                t.column("at", .text).notNull()
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("subject", .text).notNull()
                t.column("old", .text)
                t.column("new", .text)
                t.column("prev_hash", .text).notNull()
                t.column("hash", .text).notNull()
            }
        }
        migrator.registerMigration("v2-signoff") { db in
            try db.create(table: "signoff") { t in
                t.column("expert", .text).notNull().references("expert")
                t.column("stage", .text).notNull()
                t.column("signed_at", .text).notNull()
                t.primaryKey(["expert", "stage"])
            }
        }
        migrator.registerMigration("v3-sheets") { db in
            // The key each expert's sheets were first signed with (pinned at first import).
            try db.create(table: "expert_key") { t in
                t.primaryKey("expert", .text).references("expert")
                t.column("public_key", .text).notNull()
            }
            try db.create(table: "sheet_import") { t in
                t.primaryKey("file_sha256", .text)
                t.column("expert", .text).notNull()
                t.column("stage", .text).notNull()
                t.column("signed_at", .text).notNull()
                t.column("imported_at", .text).notNull()
            }
        }
        migrator.registerMigration("v4-declaration") { db in
            // 诚信承诺与回避声明: one per expert, the latest wins; every one is audited.
            try db.create(table: "declaration") { t in
                t.primaryKey("expert", .text).references("expert")
                t.column("at", .text).notNull()
                t.column("conflicts", .text).notNull()  // comma-separated dossier ids
            }
        }
        migrator.registerMigration("v5-changed-dossiers") { db in
            // A dossier file that changed after import, accepted by the chair at this hash.
            try db.create(table: "accepted_change") { t in
                t.primaryKey("dossier", .text).references("dossier")
                t.column("sha256", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("at", .text).notNull()
            }
        }
        migrator.registerMigration("v6-dissent") { db in
            // 不同意见及理由: an expert's written dissent on a stage, kept with their sheet.
            try db.create(table: "dissent") { t in
                t.column("expert", .text).notNull().references("expert")
                t.column("stage", .text).notNull()
                t.column("text", .text).notNull()
                t.column("at", .text).notNull()
                t.primaryKey(["expert", "stage"])
            }
        }
        migrator.registerMigration("v7-scale") { db in
            // A score file imported in one go: its text (what the audit entry's hash covers)
            // and the saved values it replaced, so every number can still be traced.
            try db.create(table: "score_import") { t in
                t.primaryKey("sha256", .text)
                t.column("file", .text).notNull()
                t.column("at", .text).notNull()
                t.column("actor", .text).notNull()
                t.column("rows", .integer).notNull()
                t.column("content", .text).notNull()
                t.column("replaced", .text).notNull()  // CSV in the import format: the values before
            }
            // What ranking and checking score rows need of each stored dossier, kept when it is
            // stored so that neither has to parse 1,000 dossiers: its errors (the set's rules
            // included) and the unit names conflicts of interest are found by.
            try db.create(table: "dossier_error") { t in
                t.column("dossier", .text).notNull().references("dossier")
                t.column("code", .text).notNull()
                t.column("message", .text).notNull()
            }
            try db.create(table: "dossier_party") { t in
                t.column("dossier", .text).notNull().references("dossier")
                t.column("role", .text).notNull()  // applicant or partner
                t.column("name", .text).notNull()
            }
            try KeptFacts.record(db)
        }
        migrator.registerMigration("v8-sheet-totals") { db in
            // Each expert's complete stage sheet's score, kept as every score is saved, so the
            // ranking adds up 100,000 sheets instead of 730,000 items. An exact fraction "n/d".
            try db.create(table: "sheet_total") { t in
                t.column("expert", .text).notNull()
                t.column("dossier", .text).notNull()
                t.column("stage", .text).notNull()
                t.column("total", .text).notNull()
                t.primaryKey(["expert", "dossier", "stage"])
            }
            // A workspace being made has no rubric yet, and no scores.
            if let text = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'rubric'"), !text.isEmpty {
                var totals = SheetTotals(db, rubric: try RubricCache.rubric(text, file: "workspace rubric"))
                try totals.refresh(.all)
            }
        }
        migrator.registerMigration("v9-score-by-key") { db in
            // Scores and sheet totals stored in the order of their key alone (WITHOUT ROWID):
            // a national round's 730,000 scores then fill one B-tree instead of a table and
            // its key index, which makes importing them faster and the file a third smaller.
            try db.execute(sql: """
                CREATE TABLE score_by_key (
                  expert TEXT NOT NULL REFERENCES expert(id),
                  dossier TEXT NOT NULL REFERENCES dossier(id),
                  stage TEXT NOT NULL,
                  item TEXT NOT NULL,
                  points TEXT,
                  comment TEXT NOT NULL DEFAULT '',
                  updated_at TEXT NOT NULL,
                  PRIMARY KEY (expert, dossier, stage, item)
                ) WITHOUT ROWID;
                INSERT INTO score_by_key SELECT expert, dossier, stage, item, points, comment, updated_at FROM score;
                DROP TABLE score;
                ALTER TABLE score_by_key RENAME TO score;
                CREATE TABLE sheet_total_by_key (
                  expert TEXT NOT NULL,
                  dossier TEXT NOT NULL,
                  stage TEXT NOT NULL,
                  total TEXT NOT NULL,
                  PRIMARY KEY (expert, dossier, stage)
                ) WITHOUT ROWID;
                INSERT INTO sheet_total_by_key SELECT expert, dossier, stage, total FROM sheet_total;
                DROP TABLE sheet_total;
                ALTER TABLE sheet_total_by_key RENAME TO sheet_total;
                """)
            // Imported score files kept compressed (see KeptFile), with their size.
            try db.create(table: "score_import_kept") { t in
                t.primaryKey("sha256", .text)
                t.column("file", .text).notNull()
                t.column("at", .text).notNull()
                t.column("actor", .text).notNull()
                t.column("rows", .integer).notNull()
                t.column("content", .blob).notNull()  // zlib
                t.column("size", .integer).notNull()
                t.column("replaced", .text).notNull()
            }
            let imports = try Row.fetchCursor(db, sql: "SELECT sha256, file, at, actor, rows, content, replaced FROM score_import")
            while let row = try imports.next() {
                // The hash stays the audit entry's, even if the text was changed since (audit --verify reports it).
                let kept = KeptFile(row["content"] as String)
                try db.execute(sql: "INSERT INTO score_import_kept VALUES (?, ?, ?, ?, ?, ?, ?, ?)", arguments: [
                    row["sha256"], row["file"], row["at"], row["actor"], row["rows"], kept.deflated, kept.size, row["replaced"],
                ])
            }
            try db.execute(sql: "DROP TABLE score_import; ALTER TABLE score_import_kept RENAME TO score_import")
        }
        migrator.registerMigration("v10-trust") { db in
            // The signing in force of each stage: its revision (1, 2, …: what supersedes what,
            // never the clock), where it was made (here, or in a signed sheet file imported
            // here), the key that signed and the hash of what was signed.
            try db.execute(sql: """
                ALTER TABLE signoff ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
                ALTER TABLE signoff ADD COLUMN origin TEXT NOT NULL DEFAULT 'here';
                ALTER TABLE signoff ADD COLUMN fingerprint TEXT;
                ALTER TABLE signoff ADD COLUMN content_sha256 TEXT;
                UPDATE signoff SET origin = 'sheet' WHERE EXISTS (SELECT 1 FROM sheet_import i
                  WHERE i.expert = signoff.expert AND i.stage = signoff.stage AND i.signed_at = signoff.signed_at);
                ALTER TABLE sheet_import ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE sheet_import ADD COLUMN content BLOB;
                CREATE TABLE trusted_key (
                  expert TEXT NOT NULL PRIMARY KEY REFERENCES expert(id),
                  fingerprint TEXT NOT NULL,
                  source TEXT NOT NULL,
                  reason TEXT NOT NULL,
                  at TEXT NOT NULL
                );
                """)
            // Every signing ever made or imported here, kept when a stage is reopened: what
            // the next revision is, and which revisions a sheet file must come after.
            try db.create(table: "sheet_signing") { t in
                t.column("expert", .text).notNull()
                t.column("stage", .text).notNull()
                t.column("revision", .integer).notNull()
                t.column("origin", .text).notNull()
                t.column("fingerprint", .text)
                t.column("at", .text).notNull()
            }
            try db.create(index: "sheet_signing_by_sheet", on: "sheet_signing", columns: ["expert", "stage"])
            // Keys an earlier iipeval pinned at an expert's first sheet import stay trusted,
            // marked as such (and audited), so that the chair can check them ('iipeval key
            // show' on the expert's laptop) and replace them; the sheets imported under them
            // were signed with them.
            let now = Workspace.now()
            for row in try Row.fetchAll(db, sql: "SELECT expert, public_key FROM expert_key") {
                guard let key = Data(base64Encoded: row["public_key"] as String) else { continue }
                let fingerprint = KeyFingerprint(publicKey: key)
                try TrustedKeys.trust(db, expert: row["expert"], fingerprint, source: .firstImport,
                                      reason: "pinned at the expert's first sheet import by an earlier iipeval", actor: "update", at: now)
                try db.execute(sql: "UPDATE signoff SET fingerprint = ? WHERE expert = ? AND origin = 'sheet'",
                               arguments: [fingerprint.hex, row["expert"]])
            }
            try db.execute(sql: """
                INSERT INTO sheet_signing (expert, stage, revision, origin, fingerprint, at)
                SELECT expert, stage, revision, origin, fingerprint, signed_at FROM signoff;
                DROP TABLE expert_key;
                """)
            try AuditLog.recordHead(db)
        }
        migrator.registerMigration("v11-recheck") { db in
            // 复核: an expert's confirmation or correction of a stage score that deviates from
            // the panel's, one per expert, dossier and stage; it travels in their signed sheet.
            try db.create(table: "recheck") { t in
                t.column("expert", .text).notNull()
                t.column("dossier", .text).notNull()
                t.column("stage", .text).notNull()
                t.column("outcome", .text).notNull()  // confirmed, correcting, corrected
                t.column("ground", .text)  // RecheckGround of a correction
                t.column("reason", .text).notNull()
                t.column("score", .text).notNull()  // exact decimal text
                t.column("at", .text).notNull()
                t.primaryKey(["expert", "dossier", "stage"])
            }
        }
        migrator.registerMigration("v12-pledge-in-sheet") { db in
            // The pledge as it stood at each signing (at and conflicts, tab-separated): what the
            // signed sheet carries, fixed even when the expert declares more later.
            try db.execute(sql: "ALTER TABLE signoff ADD COLUMN pledge TEXT")
        }
        return migrator
    }
}
