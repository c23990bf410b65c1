-- The events applied to an incident, whether it was named by its own id or by an alias
-- (`coalesce(applied_incident_id, incident_id)`), by type: the period report looks up each
-- incident's first takedown and its escalations and police referrals this way. Without it the
-- report's plan scanned the whole events table once per incident of the period (D63,
-- docs/performance.md "Province scale").
CREATE INDEX events_applied_to ON events ((coalesce(applied_incident_id, incident_id)), type);
