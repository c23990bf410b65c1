-- The deadline auditor (D38) reads, every minute in every worker, the obligations whose deadline
-- or last escalation falls in its window, met and cancelled ones included; these indexes keep
-- that read bounded by the window instead of the whole table.
CREATE INDEX obligations_due ON obligations (due_at) WHERE due_at IS NOT NULL;
CREATE INDEX obligations_escalated ON obligations (escalated_at) WHERE escalated_at IS NOT NULL;
