import GRDB

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
            try DossierFacts.record(db)
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
        return migrator
    }
}
