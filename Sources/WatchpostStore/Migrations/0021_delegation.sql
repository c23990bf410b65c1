-- Absences and duty officers (issue 29). `delegated_from`: the officer who held the owner's
-- relation but was away when the obligation opened; `owner_officer_id` is then their delegate,
-- and the per-head report counts the obligation for the delegate. `met_on_behalf_of`: the owner
-- for whom the authority's duty officer (`met_by`) acknowledged an urgent obligation.
ALTER TABLE obligations
    ADD COLUMN delegated_from text,
    ADD COLUMN met_on_behalf_of text;
