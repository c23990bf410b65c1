-- Each report attached to an incident keeps its own classification (decision D32): the category
-- and the subjects' roles it was reported with, next to its severity. The incident's routing plan
-- is the union over its reports' classifications, so the order reports arrive in no longer matters.
ALTER TABLE incident_evidence ADD COLUMN category text, ADD COLUMN subjects text[];

-- Existing rows: the report as the event log holds it (the decoder checked it when it arrived);
-- otherwise the incident's own category and subjects.
UPDATE incident_evidence ev
SET category = COALESCE(
        (SELECT e.payload -> 'data' ->> 'category' FROM events e
         WHERE e.event_id = ev.event_id AND e.type = 'incident.reported'
           AND e.payload -> 'data' ->> 'category' IN ('unverified_information', 'false_information',
               'sensitive_content', 'incitement_social_evils', 'school_violence', 'law_violation_signs',
               'child_at_risk', 'other')),
        (SELECT i.category FROM incidents i WHERE i.id = ev.incident_id)),
    subjects = COALESCE(
        (SELECT ARRAY(SELECT jsonb_array_elements_text(e.payload -> 'data' -> 'subjects')) FROM events e
         WHERE e.event_id = ev.event_id AND e.type = 'incident.reported'
           AND jsonb_typeof(e.payload -> 'data' -> 'subjects') = 'array'),
        (SELECT i.subjects FROM incidents i WHERE i.id = ev.incident_id));

ALTER TABLE incident_evidence
    ALTER COLUMN category SET NOT NULL,
    ALTER COLUMN subjects SET NOT NULL,
    ADD CONSTRAINT incident_evidence_category_check CHECK (category IN ('unverified_information',
        'false_information', 'sensitive_content', 'incitement_social_evils', 'school_violence',
        'law_violation_signs', 'child_at_risk', 'other'));
