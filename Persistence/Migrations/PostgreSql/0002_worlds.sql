-- The world list: a world's id is its key, so of two writers adding the same id only the first gets in.
CREATE TABLE wasgo_worlds (
    id         TEXT             NOT NULL PRIMARY KEY,
    tick_rate  DOUBLE PRECISION NOT NULL,
    token_hash BYTEA            NOT NULL,
    created_at BIGINT           NOT NULL
);
