-- A takedown the school requested is followed up by its supervising authority (issue 28): a new
-- obligation kind, opened by a `takedown_requested` action. The kind's CHECK is replaced, as 0008
-- did, with the old values kept.
ALTER TABLE obligations DROP CONSTRAINT obligations_kind_check;
ALTER TABLE obligations ADD CONSTRAINT obligations_kind_check CHECK (kind IN ('acknowledge', 'take_down',
    'publish_correction', 'notify_police', 'report_to_authority', 'acknowledge_receipt', 'follow_up_takedown'));
