import GRDB

/// The store's schema as a list of migrations: a store written by an older
/// version is brought up to date when it is opened for writing, and one written
/// by a newer version is refused rather than misread.
enum Schema {
    /// Every migration, oldest first. Never edit a shipped migration: add a new one.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            // One current decision per (item, negative, annotator); `time` is
            // Unix milliseconds (UTC) so values round-trip exactly.
            try db.execute(sql: """
                CREATE TABLE decisions (
                    item_id TEXT NOT NULL,
                    negative_id TEXT NOT NULL,
                    annotator TEXT NOT NULL,
                    verdict TEXT NOT NULL CHECK (verdict IN ('accept', 'reject', 'skip')),
                    note TEXT,
                    tags TEXT NOT NULL DEFAULT '[]',
                    time INTEGER NOT NULL,
                    content_hash TEXT NOT NULL,
                    PRIMARY KEY (item_id, negative_id, annotator)
                );
                CREATE INDEX decisions_by_annotator ON decisions (annotator, item_id, negative_id);
                """)
            // Every change, so that undo works after a restart and audits can
            // replay who changed what. `before`/`after` are the decision's JSON
            // state, NULL meaning "no decision". `undone_by` is the id of the
            // undo row that reverted this change.
            try db.execute(sql: """
                CREATE TABLE history (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    annotator TEXT NOT NULL,
                    item_id TEXT NOT NULL,
                    negative_id TEXT NOT NULL,
                    action TEXT NOT NULL CHECK (action IN ('record', 'note', 'tags', 'undo')),
                    before TEXT,
                    after TEXT,
                    time INTEGER NOT NULL,
                    undone_by INTEGER REFERENCES history (id)
                );
                CREATE INDEX history_by_annotator ON history (annotator, id);
                """)
        }
        m.registerMigration("v2-settlements") { db in
            // An adjudicator's final verdict on a negative (`scenelens review`):
            // one per negative, whoever settled it.
            try db.execute(sql: """
                CREATE TABLE settlements (
                    item_id TEXT NOT NULL,
                    negative_id TEXT NOT NULL,
                    verdict TEXT NOT NULL CHECK (verdict IN ('accept', 'reject')),
                    adjudicator TEXT NOT NULL,
                    note TEXT,
                    time INTEGER NOT NULL,
                    content_hash TEXT NOT NULL,
                    PRIMARY KEY (item_id, negative_id)
                );
                """)
        }
        m.registerMigration("v3-resume-marks") { db in
            // Where resuming may start (see `ResumeMark`): per annotator and
            // dataset file identity; `history_id` is the last change counted.
            try db.execute(sql: """
                CREATE TABLE resume_marks (
                    annotator TEXT NOT NULL,
                    dataset TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    item_id TEXT NOT NULL,
                    history_id INTEGER NOT NULL,
                    PRIMARY KEY (annotator, dataset)
                );
                """)
        }
        m.registerMigration("v4-resume-places") { db in
            // Where the mark's item's line is (`LinePlace`): resuming starts
            // the line index there. NULL in marks set before this version.
            try db.execute(sql: """
                ALTER TABLE resume_marks ADD COLUMN byte_offset INTEGER;
                ALTER TABLE resume_marks ADD COLUMN line INTEGER;
                ALTER TABLE resume_marks ADD COLUMN line_length INTEGER;
                ALTER TABLE resume_marks ADD COLUMN line_checksum TEXT;
                """)
        }
        return m
    }

    /// The first migration: a store that has it (and nothing newer than this
    /// version knows) can be read, also before later migrations ran.
    static let first = "v1"
}
