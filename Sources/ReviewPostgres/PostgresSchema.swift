/// The PostgreSQL store's schema as numbered migrations. `scenelens_schema`
/// holds the version; a server written by a newer SceneLens is refused rather
/// than misread. Never edit a shipped migration: add a new one.
enum PostgresSchema {
    /// Every migration, oldest first; version N is `migrations[N - 1]`.
    static let migrations: [String] = [
        // v1: as the SQLite store, with a project column so that one database
        // holds several datasets. `time` is Unix milliseconds (UTC).
        """
        CREATE TABLE decisions (
            project TEXT NOT NULL,
            item_id TEXT NOT NULL,
            negative_id TEXT NOT NULL,
            annotator TEXT NOT NULL,
            verdict TEXT NOT NULL CHECK (verdict IN ('accept', 'reject', 'skip')),
            note TEXT,
            tags TEXT NOT NULL DEFAULT '[]',
            time BIGINT NOT NULL,
            content_hash TEXT NOT NULL,
            PRIMARY KEY (project, item_id, negative_id, annotator)
        );
        CREATE INDEX decisions_by_annotator ON decisions (project, annotator, item_id, negative_id);
        CREATE TABLE history (
            id BIGSERIAL PRIMARY KEY,
            project TEXT NOT NULL,
            annotator TEXT NOT NULL,
            item_id TEXT NOT NULL,
            negative_id TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('record', 'note', 'tags', 'undo')),
            before TEXT,
            after TEXT,
            time BIGINT NOT NULL,
            undone_by BIGINT REFERENCES history (id)
        );
        CREATE INDEX history_by_annotator ON history (project, annotator, id);
        """,
        // v2: team projects. `overlap` is how many different annotators decide
        // each negative; a claim is one annotator's lease on one negative,
        // `expires` in server milliseconds, renewed by a heartbeat.
        """
        CREATE TABLE projects (
            project TEXT PRIMARY KEY,
            overlap INTEGER NOT NULL CHECK (overlap >= 1)
        );
        CREATE TABLE claims (
            project TEXT NOT NULL,
            item_id TEXT NOT NULL,
            negative_id TEXT NOT NULL,
            annotator TEXT NOT NULL,
            expires BIGINT NOT NULL,
            PRIMARY KEY (project, item_id, negative_id, annotator)
        );
        CREATE INDEX claims_by_annotator ON claims (project, annotator);
        """,
        // v3: an adjudicator's final verdict on a negative (`scenelens review`), one per negative.
        """
        CREATE TABLE settlements (
            project TEXT NOT NULL,
            item_id TEXT NOT NULL,
            negative_id TEXT NOT NULL,
            verdict TEXT NOT NULL CHECK (verdict IN ('accept', 'reject')),
            adjudicator TEXT NOT NULL,
            note TEXT,
            time BIGINT NOT NULL,
            content_hash TEXT NOT NULL,
            PRIMARY KEY (project, item_id, negative_id)
        );
        """,
        // v4: a team project is bound to its dataset by content id, and lists
        // the dataset's decidable negatives once, in dataset order (`ord`), so
        // claiming picks the next free negative on the server.
        """
        ALTER TABLE projects ADD COLUMN dataset_id TEXT;
        CREATE TABLE project_negatives (
            project TEXT NOT NULL,
            ord INTEGER NOT NULL,
            item_id TEXT NOT NULL,
            negative_id TEXT NOT NULL,
            PRIMARY KEY (project, ord),
            UNIQUE (project, item_id, negative_id)
        );
        CREATE INDEX claims_by_negative ON claims (project, item_id, negative_id, expires);
        """,
        // v5: where resuming may start (`ResumeMark`), per annotator and dataset
        // file identity; `history_id` is the last change counted.
        """
        CREATE TABLE resume_marks (
            project TEXT NOT NULL,
            annotator TEXT NOT NULL,
            dataset TEXT NOT NULL,
            position BIGINT NOT NULL,
            item_id TEXT NOT NULL,
            history_id BIGINT NOT NULL,
            PRIMARY KEY (project, annotator, dataset)
        );
        """,
        // v6: where the mark's item's line is (`LinePlace`): resuming starts
        // the line index there. NULL in marks set before this version.
        """
        ALTER TABLE resume_marks ADD COLUMN byte_offset BIGINT, ADD COLUMN line BIGINT,
            ADD COLUMN line_length BIGINT, ADD COLUMN line_checksum TEXT;
        """,
    ]

    /// The version this SceneLens writes.
    static var latest: Int { migrations.count }
}
