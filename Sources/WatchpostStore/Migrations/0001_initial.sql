-- Watchpost's system of record: the organisation tree with its history, the event log, incidents
-- with their evidence and obligations, alerts with their deliveries, and every rejected input.
-- Enumerations are text with CHECK constraints: readable in reports and cheap to extend in a
-- later migration (drop and re-add the constraint), unlike PostgreSQL enum types.

-- ── Organisation tree ────────────────────────────────────────────────────────────────────
CREATE TABLE units (
    id          text PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('preschool', 'primary', 'primary_lower_secondary',
                    'lower_secondary', 'education_authority', 'commune', 'commune_police',
                    'provincial_police', 'peoples_committee', 'province')),
    name        text NOT NULL,
    name_en     text,
    parent_id   text,
    commune_id  text,
    police_id   text,
    reports_to  text,
    snapshot    jsonb NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    -- A unit that left the directory is retired, never deleted: old incidents still name it.
    retired_at  timestamptz
);

-- One row per version of a unit; the current version has valid_to NULL.
CREATE TABLE unit_history (
    id          bigserial PRIMARY KEY,
    unit_id     text NOT NULL REFERENCES units (id),
    change      text NOT NULL CHECK (change IN ('added', 'changed', 'retired', 'restored')),
    valid_from  timestamptz NOT NULL,
    valid_to    timestamptz,
    snapshot    jsonb NOT NULL,
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE UNIQUE INDEX unit_history_current ON unit_history (unit_id) WHERE valid_to IS NULL;

CREATE TABLE officers (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    unit_id     text NOT NULL REFERENCES units (id),
    roles       text[] NOT NULL,
    locale      text NOT NULL CHECK (locale IN ('vi', 'en')),
    channels    jsonb NOT NULL,
    snapshot    jsonb NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    retired_at  timestamptz
);
CREATE INDEX officers_unit ON officers (unit_id);

CREATE TABLE officer_history (
    id          bigserial PRIMARY KEY,
    officer_id  text NOT NULL REFERENCES officers (id),
    change      text NOT NULL CHECK (change IN ('added', 'changed', 'retired', 'restored')),
    valid_from  timestamptz NOT NULL,
    valid_to    timestamptz,
    snapshot    jsonb NOT NULL,
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE UNIQUE INDEX officer_history_current ON officer_history (officer_id) WHERE valid_to IS NULL;

-- ── Events: the append-only audit trail ──────────────────────────────────────────────────
CREATE TABLE events (
    event_id            uuid PRIMARY KEY,
    -- The incident named by the event; applied_incident_id is where its effects landed
    -- (differs for a duplicate report attached to another open incident).
    incident_id         uuid NOT NULL,
    applied_incident_id uuid,
    type                text NOT NULL CHECK (type IN ('incident.reported', 'incident.updated',
                            'incident.acknowledged', 'action.recorded', 'incident.escalated',
                            'incident.resolved', 'incident.reopened')),
    occurred_at         timestamptz NOT NULL,
    unit_id             text NOT NULL,
    source_kind         text NOT NULL CHECK (source_kind IN ('officer', 'tool', 'system')),
    source_id           text NOT NULL,
    payload             jsonb NOT NULL,
    topic               text NOT NULL,
    "partition"         integer NOT NULL,
    "offset"            bigint NOT NULL,
    received_at         timestamptz NOT NULL,
    outcome             text CHECK (outcome IN ('applied', 'ignored', 'rejected')),
    outcome_code        text,
    outcome_reason      text
);
CREATE INDEX events_incident ON events (incident_id, occurred_at);
CREATE INDEX events_applied_incident ON events (applied_incident_id) WHERE applied_incident_id IS NOT NULL;

-- ── Incidents ────────────────────────────────────────────────────────────────────────────
CREATE TABLE incidents (
    id                uuid PRIMARY KEY,
    unit_id           text NOT NULL REFERENCES units (id),
    -- The school's place in the tree when the incident was opened; a later re-mapping of the
    -- tree does not rewrite it.
    authority_id      text,
    commune_id        text,
    status            text NOT NULL CHECK (status IN ('reported', 'acknowledged', 'mitigating', 'resolved')),
    category          text NOT NULL CHECK (category IN ('unverified_information', 'false_information',
                          'sensitive_content', 'incitement_social_evils', 'school_violence',
                          'law_violation_signs', 'child_at_risk', 'other')),
    severity          text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    platform          text NOT NULL CHECK (platform IN ('facebook', 'zalo', 'tiktok', 'instagram', 'youtube', 'other')),
    subjects          text[] NOT NULL,
    urls              text[] NOT NULL,
    summary           text NOT NULL,
    dedup_key         text NOT NULL,
    reported_at       timestamptz NOT NULL,
    opened_at         timestamptz NOT NULL,
    acknowledged_at   timestamptz,
    acknowledged_by   text[] NOT NULL,
    first_action_at   timestamptz,
    resolved_at       timestamptz,
    escalation_level  integer NOT NULL CHECK (escalation_level >= 0),
    reopen_count      integer NOT NULL CHECK (reopen_count >= 0),
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);
-- Two workers opening the same post at once: the second insert fails with 23505 and its batch is
-- retried, which then attaches the report as evidence. Reopened incidents are left out, so that
-- reopening an old incident never collides with a newer one about the same post.
CREATE UNIQUE INDEX incidents_open_dedup_key ON incidents (unit_id, dedup_key)
    WHERE status <> 'resolved' AND reopen_count = 0;
CREATE INDEX incidents_open_lookup ON incidents (unit_id, dedup_key, opened_at) WHERE status <> 'resolved';
CREATE INDEX incidents_unit_reported ON incidents (unit_id, reported_at);

CREATE TABLE incident_evidence (
    incident_id       uuid NOT NULL REFERENCES incidents (id),
    event_id          uuid NOT NULL,
    position          integer NOT NULL,
    reported_by_kind  text NOT NULL CHECK (reported_by_kind IN ('officer', 'tool', 'system')),
    reported_by_id    text NOT NULL,
    reported_at       timestamptz NOT NULL,
    platform          text NOT NULL,
    urls              text[] NOT NULL,
    summary           text NOT NULL,
    severity          text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    PRIMARY KEY (incident_id, event_id),
    UNIQUE (incident_id, position)
);

-- ── Obligations: what someone owes, by when ──────────────────────────────────────────────
CREATE TABLE obligations (
    id                          uuid PRIMARY KEY,
    incident_id                 uuid NOT NULL REFERENCES incidents (id),
    ordinal                     integer NOT NULL,
    kind                        text NOT NULL CHECK (kind IN ('acknowledge', 'take_down',
                                    'publish_correction', 'notify_police', 'report_to_authority')),
    owner_relation              text NOT NULL,
    owner_officer_id            text,
    opened_by_event_id          uuid NOT NULL,
    opened_at                   timestamptz NOT NULL,
    due_at                      timestamptz,
    reminders_at                timestamptz[] NOT NULL,
    reason_vi                   text NOT NULL,
    reason_en                   text NOT NULL,
    legal_basis                 text NOT NULL,
    reason_id                   text NOT NULL,
    chain                       text NOT NULL,
    level                       integer NOT NULL CHECK (level >= 0),
    status                      text NOT NULL CHECK (status IN ('open', 'met', 'cancelled')),
    escalated_at                timestamptz,
    closed_at                   timestamptz,
    closed_by_event_id          uuid,
    met_by                      text,
    -- The deadline enforcer's bookkeeping: the highest level whose escalation event has been
    -- published (it waits for level+1 until the router has applied it), and the next reminder.
    escalation_requested_level  integer NOT NULL DEFAULT 0,
    next_reminder_at            timestamptz,
    UNIQUE (incident_id, ordinal)
);
CREATE INDEX obligations_open_due ON obligations (due_at) WHERE status = 'open' AND due_at IS NOT NULL;
CREATE INDEX obligations_open_reminder ON obligations (next_reminder_at)
    WHERE status = 'open' AND next_reminder_at IS NOT NULL;

-- ── Alerts and their deliveries (the outbox) ─────────────────────────────────────────────
-- Alerts and deliveries are the most numerous rows of a batch and are written by one statement
-- each from ids the router derived from rows written in the same transaction, so they carry no
-- foreign keys: each key check costs an index probe and a row lock per row (measured: 3-4x slower).
CREATE TABLE alerts (
    id             uuid PRIMARY KEY,
    incident_id    uuid NOT NULL,
    event_id       uuid,
    recipient      text NOT NULL,
    relation       text NOT NULL,
    template       text NOT NULL,
    reason         text NOT NULL,
    obligation_id  uuid,
    created_at     timestamptz NOT NULL
);
CREATE INDEX alerts_incident ON alerts (incident_id, created_at);

CREATE TABLE deliveries (
    -- Also the idempotency key sent to channels.
    id               uuid PRIMARY KEY,
    alert_id         uuid NOT NULL UNIQUE,
    recipient        text NOT NULL,
    locale           text NOT NULL CHECK (locale IN ('vi', 'en')),
    channels         jsonb NOT NULL,
    channel_index    integer NOT NULL DEFAULT 0,
    status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead', 'cancelled')),
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    claimed_until    timestamptz,
    last_error       text,
    delivered_at     timestamptz,
    created_at       timestamptz NOT NULL
);
CREATE INDEX deliveries_pending_due ON deliveries (next_attempt_at) WHERE status = 'pending';

CREATE TABLE delivery_attempts (
    id             bigserial PRIMARY KEY,
    delivery_id    uuid NOT NULL REFERENCES deliveries (id),
    attempt        integer NOT NULL,
    channel_index  integer NOT NULL,
    channel_kind   text NOT NULL,
    started_at     timestamptz NOT NULL,
    finished_at    timestamptz NOT NULL,
    outcome        text NOT NULL CHECK (outcome IN ('delivered', 'retry', 'failed')),
    error          text,
    UNIQUE (delivery_id, attempt)
);

-- ── Rejected input (the dead-letter record) ──────────────────────────────────────────────
CREATE TABLE rejected_events (
    id           bigserial PRIMARY KEY,
    topic        text NOT NULL,
    "partition"  integer NOT NULL,
    "offset"     bigint NOT NULL,
    key          bytea,
    raw          bytea NOT NULL,
    stage        text NOT NULL CHECK (stage IN ('decode', 'routing')),
    reason       text NOT NULL,
    problems     jsonb NOT NULL,
    event_id     uuid,
    incident_id  uuid,
    received_at  timestamptz NOT NULL,
    replayed_at  timestamptz,
    UNIQUE (topic, "partition", "offset")
);
CREATE INDEX rejected_events_pending ON rejected_events (id) WHERE replayed_at IS NULL;
