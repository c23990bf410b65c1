-- Retention of rejected inputs (D36; Personal Data Protection Law 91/2025/QH15): a dead letter
-- may carry a student's details, so once the policy's period has passed since it was received
-- its body and key are removed. The row stays with its stage, reason, problems and times, so
-- counts still add up; a purged row cannot be replayed.

-- When the body (`raw`, then empty bytes: the column stays NOT NULL) and the key were removed.
ALTER TABLE rejected_events ADD COLUMN purged_at timestamptz;
CREATE INDEX rejected_events_unpurged ON rejected_events (received_at) WHERE purged_at IS NULL;

-- Rejected inputs purged by each run, updated with each batch like the other counts.
ALTER TABLE purge_runs ADD COLUMN rejected_events integer NOT NULL DEFAULT 0 CHECK (rejected_events >= 0);
