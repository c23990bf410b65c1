-- Duplicate reports (PagerDuty dedup_key semantics): a report whose incident id X is attached as
-- evidence to the open incident Y of the same post makes X an alias of Y, so that every later
-- event a producer sends for X (acknowledgement, action, update, resolve...) is applied to Y.
-- An alias always names a real incident, never another alias: X is aliased only when no incident
-- X exists, and Y is the incident the report was attached to. Rows are written once and never
-- changed, under the advisory lock of X, so a reader holding that lock sees a stable answer.
-- (Version 0002 is left to another change; versions only need to be unique.)
CREATE TABLE incident_aliases (
    alias_id     uuid PRIMARY KEY,
    incident_id  uuid NOT NULL REFERENCES incidents (id),
    created_at   timestamptz NOT NULL,
    -- The report that made the alias.
    event_id     uuid NOT NULL
);
CREATE INDEX incident_aliases_incident ON incident_aliases (incident_id);

-- Reports attached before this migration: the earliest attachment of each incident id that
-- never became an incident of its own.
INSERT INTO incident_aliases (alias_id, incident_id, created_at, event_id)
SELECT DISTINCT ON (e.incident_id) e.incident_id, e.applied_incident_id, e.received_at, e.event_id
FROM events e
WHERE e.type = 'incident.reported' AND e.outcome = 'applied'
  AND e.applied_incident_id IS NOT NULL AND e.applied_incident_id <> e.incident_id
  AND NOT EXISTS (SELECT 1 FROM incidents i WHERE i.id = e.incident_id)
  AND EXISTS (SELECT 1 FROM incidents i WHERE i.id = e.applied_incident_id)
ORDER BY e.incident_id, e.received_at, e.event_id;
