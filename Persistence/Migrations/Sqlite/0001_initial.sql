-- Durable state: one row per persistence id; revision fences stale writers.
CREATE TABLE durable_state (
    persistence_id TEXT    NOT NULL PRIMARY KEY,
    revision       INTEGER NOT NULL,
    payload        BLOB    NOT NULL,
    manifest       TEXT    NOT NULL,
    updated_at     INTEGER NOT NULL
);

-- Journal: events per persistence id, contiguous sequence numbers.
CREATE TABLE journal (
    persistence_id TEXT    NOT NULL,
    sequence_nr    INTEGER NOT NULL,
    payload        BLOB    NOT NULL,
    manifest       TEXT    NOT NULL,
    written_at     INTEGER NOT NULL,
    PRIMARY KEY (persistence_id, sequence_nr)
) WITHOUT ROWID;

-- The highest sequence number survives the deletion of the events themselves.
CREATE TABLE journal_metadata (
    persistence_id      TEXT    NOT NULL PRIMARY KEY,
    highest_sequence_nr INTEGER NOT NULL
);

CREATE TABLE snapshots (
    persistence_id TEXT    NOT NULL,
    sequence_nr    INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    payload        BLOB    NOT NULL,
    manifest       TEXT    NOT NULL,
    PRIMARY KEY (persistence_id, sequence_nr)
) WITHOUT ROWID;

-- Modules by content; names and versions point at them.
CREATE TABLE modules (
    hash       TEXT    NOT NULL PRIMARY KEY,
    bytes      BLOB    NOT NULL,
    size       INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE module_tags (
    name       TEXT    NOT NULL,
    version    TEXT    NOT NULL,
    hash       TEXT    NOT NULL REFERENCES modules (hash),
    created_at INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    PRIMARY KEY (name, version)
);
