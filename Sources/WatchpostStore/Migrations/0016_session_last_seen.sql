-- Idle expiry of browser sessions (issue 26): when a session was last used. The API refuses a
-- session unused for longer than its idle limit, and moves this forward at most once a minute
-- per session, so an ordinary request does not write. Existing sessions count from their start;
-- the default serves an API of the previous release that inserts without the column.
ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();
UPDATE sessions SET last_seen_at = created_at;
