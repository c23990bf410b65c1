-- Who was alerted and what is owed by when for one incident (psql -v id=INCIDENT), in Vietnam
-- time: the query scripts/dev prints its scenario with, run by scripts/compose-check inside the
-- postgres container.
\pset format unaligned
\pset tuples_only on
SELECT format(E'\n  ■ %s — %s (%s)\n    %s · %s · mức độ (severity) %s · trạng thái (status) %s',
              coalesce(u.name, i.unit_id), c.vi, i.category,
              CASE i.platform WHEN 'tiktok' THEN 'TikTok' WHEN 'youtube' THEN 'YouTube' ELSE initcap(i.platform) END,
              array_to_string(i.subjects, ', '), i.severity, s.vi)
FROM incidents i
LEFT JOIN units u ON u.id = i.unit_id
LEFT JOIN (VALUES ('unverified_information', 'thông tin chưa kiểm chứng'),
                  ('false_information', 'thông tin sai sự thật'),
                  ('sensitive_content', 'nội dung nhạy cảm'),
                  ('incitement_social_evils', 'lôi kéo tệ nạn xã hội'),
                  ('school_violence', 'bạo lực học đường'),
                  ('law_violation_signs', 'dấu hiệu vi phạm pháp luật'),
                  ('child_at_risk', 'trẻ em có nguy cơ'), ('other', 'khác')) AS c (key, vi) ON c.key = i.category
LEFT JOIN (VALUES ('reported', 'mới báo (reported)'), ('acknowledged', 'đã xác nhận (acknowledged)'),
                  ('mitigating', 'đang xử lý (mitigating)'), ('resolved', 'đã đóng (resolved)')) AS s (key, vi)
       ON s.key = i.status
WHERE i.id = :'id';

SELECT E'    Đã báo cho (alerted):';
SELECT format('      %s  %-26s %-38s %s', to_char(a.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'HH24:MI:SS DD/MM'),
              o.name, r.vi, coalesce('gửi (delivery): ' || d.status, ''))
FROM alerts a
JOIN officers o ON o.id = a.recipient
LEFT JOIN deliveries d ON d.alert_id = a.id
LEFT JOIN (VALUES ('school_head', 'hiệu trưởng (head)'), ('school_deputy', 'phó hiệu trưởng (deputy)'),
                  ('commune_police_liaison', 'công an xã (commune police)'),
                  ('provincial_police_liaison', 'công an tỉnh (provincial police)'),
                  ('authority_desk', 'đầu mối cơ quan quản lý (desk)'),
                  ('authority_leadership', 'lãnh đạo cơ quan quản lý (leadership)'),
                  ('authority_head', 'thủ trưởng cơ quan quản lý (head)'),
                  ('department_leadership', 'lãnh đạo Sở GDĐT (department)')) AS r (key, vi) ON r.key = a.relation
WHERE a.incident_id = :'id'
ORDER BY a.created_at, o.name;

SELECT E'    Nghĩa vụ và thời hạn (obligations and deadlines, giờ Việt Nam / Vietnam time):';
SELECT format(E'      %-46s %-22s hạn (due) %s  %s\n        căn cứ (legal basis): %s', k.vi, coalesce(o.name, b.owner_relation),
              coalesce(to_char(b.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'HH24:MI "ngày" DD/MM/YYYY'), '—'),
              CASE b.status WHEN 'open' THEN 'còn mở (open)'
                            WHEN 'met' THEN 'đã xong (met) ' || to_char(b.closed_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'HH24:MI:SS')
                            ELSE b.status END,
              b.legal_basis)
FROM obligations b
LEFT JOIN officers o ON o.id = b.owner_officer_id
LEFT JOIN (VALUES ('acknowledge', 'xác nhận (acknowledge)'), ('take_down', 'gỡ bỏ (take down)'),
                  ('publish_correction', 'đính chính (publish a correction)'),
                  ('notify_police', 'báo công an (notify the police)'),
                  ('report_to_authority', 'báo cáo cơ quan quản lý (report to authority)'),
                  ('acknowledge_receipt', 'xác nhận đã tiếp nhận báo cáo (acknowledge receipt)')) AS k (key, vi)
       ON k.key = b.kind
WHERE b.incident_id = :'id'
ORDER BY b.ordinal;
