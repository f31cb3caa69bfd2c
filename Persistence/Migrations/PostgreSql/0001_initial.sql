-- Durable state: one row per persistence id; revision fences stale writers.
CREATE TABLE durable_state (
    persistence_id TEXT   NOT NULL PRIMARY KEY,
    revision       BIGINT NOT NULL,
    payload        BYTEA  NOT NULL,
    manifest       TEXT   NOT NULL,
    updated_at     BIGINT NOT NULL
);

-- Journal: events per persistence id, contiguous sequence numbers.
CREATE TABLE journal (
    persistence_id TEXT   NOT NULL,
    sequence_nr    BIGINT NOT NULL,
    payload        BYTEA  NOT NULL,
    manifest       TEXT   NOT NULL,
    written_at     BIGINT NOT NULL,
    PRIMARY KEY (persistence_id, sequence_nr)
);

-- The highest sequence number survives the deletion of the events themselves.
CREATE TABLE journal_metadata (
    persistence_id      TEXT   NOT NULL PRIMARY KEY,
    highest_sequence_nr BIGINT NOT NULL
);

CREATE TABLE snapshots (
    persistence_id TEXT   NOT NULL,
    sequence_nr    BIGINT NOT NULL,
    created_at     BIGINT NOT NULL,
    payload        BYTEA  NOT NULL,
    manifest       TEXT   NOT NULL,
    PRIMARY KEY (persistence_id, sequence_nr)
);

-- Modules by content; names and versions point at them.
CREATE TABLE modules (
    hash       TEXT   NOT NULL PRIMARY KEY,
    bytes      BYTEA  NOT NULL,
    size       BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE module_tags (
    name       TEXT   NOT NULL,
    version    TEXT   NOT NULL,
    hash       TEXT   NOT NULL REFERENCES modules (hash),
    created_at BIGINT NOT NULL,
    seq        BIGINT NOT NULL,
    PRIMARY KEY (name, version)
);
