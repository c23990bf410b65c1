-- Merging duplicates (issue 30, D60): an authority's officer, or a school's head for two
-- incidents of their school, merges a duplicate into the incident that carries on for both (the
-- survivor), and may unmerge it. Both are events on the duplicate's key (`incident.merged`,
-- `incident.unmerged`), applied by a worker with the survivor locked in the same transaction.
-- The duplicate is `merged` meanwhile: its obligations were cancelled by the merge event, the
-- survivor took its reports as evidence and what it owed.
ALTER TABLE incidents DROP CONSTRAINT incidents_status_check;
ALTER TABLE incidents ADD CONSTRAINT incidents_status_check
    CHECK (status IN ('reported', 'acknowledged', 'mitigating', 'resolved', 'merged'));

ALTER TABLE events DROP CONSTRAINT events_type_check;
ALTER TABLE events ADD CONSTRAINT events_type_check CHECK (type IN ('incident.reported', 'incident.updated',
    'incident.acknowledged', 'action.recorded', 'incident.escalated', 'incident.resolved', 'incident.reopened',
    'incident.merged', 'incident.unmerged'));

-- A merged duplicate is closed, like a resolved incident: a new report of its post opens a new
-- incident, and unmerging counts as reopening (reopen_count), so the two never collide here.
DROP INDEX incidents_open_dedup_key;
CREATE UNIQUE INDEX incidents_open_dedup_key ON incidents (unit_id, dedup_key)
    WHERE status NOT IN ('resolved', 'merged') AND reopen_count = 0;
DROP INDEX incidents_open_lookup;
CREATE INDEX incidents_open_lookup ON incidents (unit_id, dedup_key, opened_at)
    WHERE status NOT IN ('resolved', 'merged');

-- One row per merge, written with its event; an unmerge completes the row, nothing is deleted.
-- The merge in force of a duplicate is its row without `unmerged_at`: one at most.
CREATE TABLE incident_merges (
    merge_event_id    uuid PRIMARY KEY,
    duplicate_id      uuid NOT NULL REFERENCES incidents (id),
    survivor_id       uuid NOT NULL REFERENCES incidents (id),
    merged_by         text NOT NULL,
    note              text,
    merged_at         timestamptz NOT NULL,
    unmerge_event_id  uuid UNIQUE,
    unmerged_by       text,
    unmerge_note      text,
    unmerged_at       timestamptz,
    CHECK (duplicate_id <> survivor_id),
    CHECK ((unmerged_at IS NULL) = (unmerge_event_id IS NULL) AND (unmerged_at IS NULL) = (unmerged_by IS NULL))
);
CREATE UNIQUE INDEX incident_merges_in_force ON incident_merges (duplicate_id) WHERE unmerged_at IS NULL;
CREATE INDEX incident_merges_duplicate ON incident_merges (duplicate_id);
CREATE INDEX incident_merges_survivor ON incident_merges (survivor_id);
