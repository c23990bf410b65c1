-- Replays (issue 26): a worker routes a copy of an event refused at routing again only if it is
-- marked as the replay of the event's latest refusal, so every batch looks refusals up by
-- event id.
CREATE INDEX rejected_events_event ON rejected_events (event_id, id) WHERE event_id IS NOT NULL;
