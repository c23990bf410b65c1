-- Related incidents (issue 30): one rumour seen at many schools opens one incident per school,
-- each with its own obligations; a link says they are about the same thing. A worker links a
-- new incident to every open incident at another school whose content identity (dedup key) is
-- the same (`same_content`); an authority's officer links or unlinks by hand (`manual`). A pair
-- is stored once, smaller id first. Unlinking records who and when; nothing is deleted.
CREATE TABLE incident_links (
    incident_a  uuid NOT NULL REFERENCES incidents (id),
    incident_b  uuid NOT NULL REFERENCES incidents (id),
    reason      text NOT NULL CHECK (reason IN ('same_content', 'manual')),
    note        text CHECK (length(note) <= 500),
    created_by  text,
    created_at  timestamptz NOT NULL,
    removed_by  text,
    removed_at  timestamptz,
    PRIMARY KEY (incident_a, incident_b),
    CHECK (incident_a < incident_b)
);
CREATE INDEX incident_links_b ON incident_links (incident_b);

-- Finding the open incidents at other schools with the same content identity.
CREATE INDEX incidents_dedup_key ON incidents (dedup_key);
