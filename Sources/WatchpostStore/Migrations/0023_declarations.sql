-- Closures, absences and duty rosters declared through the API (issue 29), laid over directory.yaml by the
-- workers. Rows are never deleted: a withdrawal is recorded beside the declaration, so the
-- calendar and the absences as they stood at any revision can be rebuilt and an old deadline
-- explained.
--
-- `declaration_state` is one row: `revision` counts every declaration and withdrawal (the
-- writer holds the row's lock, so revisions commit in order, without gaps), and
-- `replanned_revision` is the last one whose effect on open working-time deadlines a worker
-- has applied. `obligations.calendar_revision` is the revision a deadline was planned with.
CREATE TABLE declaration_state (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    revision bigint NOT NULL DEFAULT 0,
    replanned_revision bigint NOT NULL DEFAULT 0
);
INSERT INTO declaration_state DEFAULT VALUES;

CREATE TABLE declarations (
    id uuid PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('closure', 'absence', 'duty')),
    unit_id text REFERENCES units (id),
    officer_id text REFERENCES officers (id),
    delegate_id text REFERENCES officers (id),
    first_day date NOT NULL,
    last_day date NOT NULL,
    reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
    declared_by text NOT NULL,
    declared_at timestamptz NOT NULL,
    declared_revision bigint NOT NULL UNIQUE,
    withdrawn_by text,
    withdrawn_at timestamptz,
    withdrawn_revision bigint UNIQUE,
    CHECK (last_day >= first_day),
    -- a closure names its unit, an absence its officer, a duty period the authority and its officer
    CHECK ((kind = 'absence') = (unit_id IS NULL)),
    CHECK ((kind = 'closure') = (officer_id IS NULL)),
    CHECK (delegate_id IS NULL OR kind = 'absence'),
    CHECK ((withdrawn_at IS NULL) = (withdrawn_revision IS NULL))
);
CREATE INDEX declarations_unit ON declarations (unit_id, last_day) WHERE unit_id IS NOT NULL;
CREATE INDEX declarations_officer ON declarations (officer_id, last_day) WHERE officer_id IS NOT NULL;
CREATE INDEX declarations_last_day ON declarations (last_day);

ALTER TABLE obligations ADD COLUMN calendar_revision bigint NOT NULL DEFAULT 0;
