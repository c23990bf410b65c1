-- Who replayed which rejected input, when, and with what body (watchpost dlq replay).
-- Rows are only ever added: the record of replays is part of the audit trail.
CREATE TABLE dead_letter_replays (
    id                 bigserial PRIMARY KEY,
    rejected_event_id  bigint NOT NULL REFERENCES rejected_events (id),
    replayed_by        text NOT NULL CHECK (replayed_by <> ''),
    replayed_at        timestamptz NOT NULL,
    -- True when the operator replaced the stored body with a corrected one.
    edited             boolean NOT NULL,
    value_sha256       bytea NOT NULL CHECK (octet_length(value_sha256) = 32),
    topic              text NOT NULL,
    "partition"        integer NOT NULL,
    "offset"           bigint NOT NULL
);
CREATE INDEX dead_letter_replays_rejected ON dead_letter_replays (rejected_event_id, id);
