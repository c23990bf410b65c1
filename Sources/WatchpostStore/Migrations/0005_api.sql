-- The HTTP API (`watchpost api`): who may call it, the sign-in flow, and what it must remember
-- (links used, views of children's incidents, events taken in). Secrets are stored only as
-- SHA-256 hashes: a copy of this database cannot be used to sign in or to call the API.

-- API tokens for tools and other systems (`watchpost token issue|revoke`). A token belongs to
-- an officer (it acts as them) or to a named tool, never both.
CREATE TABLE api_tokens (
    id            uuid PRIMARY KEY,
    token_sha256  bytea NOT NULL UNIQUE,
    officer_id    text,
    tool          text,
    scopes        text[] NOT NULL CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['report', 'act', 'read']),
    label         text,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz,
    revoked_at    timestamptz,
    last_used_at  timestamptz,
    CHECK ((officer_id IS NULL) <> (tool IS NULL))
);

-- Browser sessions after a passwordless sign-in. The cookie holds the session secret; the row
-- holds its hash and the CSRF token its forms must echo.
CREATE TABLE sessions (
    id_sha256     bytea PRIMARY KEY,
    officer_id    text NOT NULL,
    csrf_token    text NOT NULL,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz
);
CREATE INDEX sessions_officer ON sessions (officer_id);

-- One sign-in request: a 6-digit code and a one-time link, sent through the officer's channels.
-- Either proves possession of the channel once, before `expires_at`.
CREATE TABLE sign_in_challenges (
    id               uuid PRIMARY KEY,
    officer_id       text NOT NULL,
    code_sha256      bytea NOT NULL,
    link_sha256      bytea NOT NULL UNIQUE,
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    used_at          timestamptz,
    failed_attempts  integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0)
);
CREATE INDEX sign_in_challenges_officer ON sign_in_challenges (officer_id, created_at);

-- Every sign-in request and code check, for rate limits per officer and per client address.
CREATE TABLE sign_in_attempts (
    id              bigserial PRIMARY KEY,
    officer_id      text,
    client_address  text NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('request', 'verify')),
    succeeded       boolean NOT NULL,
    at              timestamptz NOT NULL
);
CREATE INDEX sign_in_attempts_officer ON sign_in_attempts (officer_id, at);
CREATE INDEX sign_in_attempts_address ON sign_in_attempts (client_address, at);

-- Acknowledge links from alerts are single-use: the hash of a link's signature, once used.
CREATE TABLE used_links (
    signature_sha256  bytea PRIMARY KEY,
    incident_id       uuid NOT NULL,
    officer_id        text NOT NULL,
    used_at           timestamptz NOT NULL
);

-- Personal Data Protection Law 91/2025/QH15: every view of an incident whose subjects include
-- a student, by whom and when.
CREATE TABLE incident_views (
    id           bigserial PRIMARY KEY,
    incident_id  uuid NOT NULL,
    officer_id   text,
    tool         text,
    route        text NOT NULL,
    viewed_at    timestamptz NOT NULL
);
CREATE INDEX incident_views_incident ON incident_views (incident_id, viewed_at);

-- Events taken in by POST /v1/events and the action routes, so that a repeated event_id with
-- the same body is answered idempotently and one with another body is refused.
CREATE TABLE api_intake (
    event_id         uuid PRIMARY KEY,
    envelope_sha256  bytea NOT NULL,
    principal        text NOT NULL,
    accepted_at      timestamptz NOT NULL
);

-- Sign-in codes travel through the delivery dispatcher like alerts. Such a delivery has no
-- alert; its message is sealed (AES-GCM, key derived from WATCHPOST_LINK_SECRET) so the code
-- is never readable in the database, and it is erased once delivered or dead.
ALTER TABLE deliveries ALTER COLUMN alert_id DROP NOT NULL;
ALTER TABLE deliveries ADD COLUMN sealed_message bytea;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_alert_or_message
    CHECK (alert_id IS NOT NULL OR status <> 'pending' OR sealed_message IS NOT NULL);

-- `auth`: an event claiming an officer or the system without a valid signature (D18).
ALTER TABLE rejected_events DROP CONSTRAINT rejected_events_stage_check;
ALTER TABLE rejected_events ADD CONSTRAINT rejected_events_stage_check
    CHECK (stage IN ('decode', 'routing', 'store', 'conflict', 'auth'));
