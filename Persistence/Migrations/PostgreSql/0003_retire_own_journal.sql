-- The journal, snapshots and durable state are Akka.Persistence.Sql's now, which creates tables
-- named journal, journal_metadata and snapshot itself. Ours step aside under names of their own;
-- their rows are kept, not read.
ALTER TABLE journal RENAME TO retired_journal;
ALTER TABLE journal_metadata RENAME TO retired_journal_metadata;
ALTER TABLE snapshots RENAME TO retired_snapshots;
ALTER TABLE durable_state RENAME TO retired_durable_state;
