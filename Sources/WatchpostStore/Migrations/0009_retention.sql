-- Retention (D36 in docs/decisions.md; Personal Data Protection Law 91/2025/QH15): the
-- details of closed incidents involving a student are removed once the policy's period has
-- passed since they were resolved. Rows stay, so figures and the audit trail still add up.

-- When an incident's free text, URLs and dedup key were removed; a purged incident that is
-- reopened and resolved again is purged again (resolved_at is then later than purged_at).
ALTER TABLE incidents ADD COLUMN purged_at timestamptz;
-- When an event's payload was reduced to what figures and the audit trail need.
ALTER TABLE events ADD COLUMN purged_at timestamptz;
CREATE INDEX incidents_resolved_at ON incidents (resolved_at) WHERE status = 'resolved';

-- Every purge, by whom and with what counts. Counts are updated in the same transaction as
-- each batch, so the record is right even when a purge is interrupted (finished_at is NULL).
CREATE TABLE purge_runs (
    id           bigserial PRIMARY KEY,
    trigger      text NOT NULL CHECK (trigger IN ('cli', 'worker')),
    run_by       text NOT NULL CHECK (run_by <> ''),
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    -- Incidents resolved before this instant were due.
    cutoff       timestamptz NOT NULL,
    -- The policy's period, as written (e.g. 1y).
    period       text NOT NULL,
    incidents    integer NOT NULL DEFAULT 0 CHECK (incidents >= 0),
    evidence     integer NOT NULL DEFAULT 0 CHECK (evidence >= 0),
    events       integer NOT NULL DEFAULT 0 CHECK (events >= 0)
);
CREATE INDEX purge_runs_started ON purge_runs (trigger, started_at);
