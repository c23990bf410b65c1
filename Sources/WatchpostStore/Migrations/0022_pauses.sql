-- Obligations that wait for someone else (issue 29, `pauses` in the policy): until when, and why
-- (the policy's reason and its legal basis, as for a deadline). `due_at` holds the resumed deadline.
ALTER TABLE obligations
    ADD COLUMN paused_until timestamptz,
    ADD COLUMN pause_reason_vi text,
    ADD COLUMN pause_reason_en text,
    ADD COLUMN pause_legal_basis text;
