import Yams

extension PolicyParser {
    /// `retention`: how long details of closed incidents involving a student are kept, and
    /// optionally (`other_incident_details`, a `keep_for`) those involving no student. Optional;
    /// without it nothing is purged. Needs `reasons` parsed first.
    mutating func parseRetention(_ node: Node?) -> RetentionPolicy? {
        guard let map = reader.mapping(node, "`retention`") else { return nil }
        reader.rejectUnknownKeys(
            map,
            allowed: ["student_incident_details", "other_incident_details"],
            in: "`retention`"
        )
        var other: RetentionPeriod?
        let otherWhat = "`retention.other_incident_details`"
        if map["other_incident_details"] != nil, let entry = reader.mapping(map["other_incident_details"], otherWhat) {
            reader.rejectUnknownKeys(entry, allowed: ["keep_for"], in: otherWhat)
            other = retentionPeriod(entry, in: otherWhat)
        }
        let what = "`retention.student_incident_details`"
        guard let entry = reader.mapping(map["student_incident_details"], what) else {
            if map["student_incident_details"] == nil {
                reader.report(map.node, "`retention` is missing `student_incident_details`")
            }
            return nil
        }
        reader.rejectUnknownKeys(entry, allowed: ["keep_for", "reason"], in: what)
        let period = retentionPeriod(entry, in: what)
        var reason: DeadlineReason?
        let reasonID = reader.required(entry, "reason", in: what)
        if let reasonID {
            reason = reasons[reasonID]
            if reason == nil {
                reader.report(entry["reason"], "unknown reason `\(reasonID)`; define it under `reasons`")
            }
        }
        guard let period, let reason, let reasonID else { return nil }
        return RetentionPolicy(
            studentIncidentDetails: period,
            otherIncidentDetails: other,
            reason: reason,
            reasonID: reasonID
        )
    }

    /// `keep_for`: a period of at least `RetentionPolicy.shortestPeriodDays` days.
    private mutating func retentionPeriod(_ entry: ConfigMap, in what: String) -> RetentionPeriod? {
        guard let text = reader.required(entry, "keep_for", in: what) else { return nil }
        let node = entry["keep_for"]
        guard let period = RetentionPeriod.parse(text) else {
            reader.report(node, "`keep_for` `\(text)` is not a period; write e.g. 90d, 6mo or 1y")
            return nil
        }
        guard period.count > 0 else {
            reader.report(node, "`keep_for` must be longer than zero, not `\(text)`")
            return nil
        }
        guard period.shortestDays >= RetentionPolicy.shortestPeriodDays else {
            reader.report(
                node,
                "`keep_for` `\(text)` is shorter than \(RetentionPolicy.shortestPeriodDays) days; "
                    + "a resolved incident may be reopened and its details are needed then"
            )
            return nil
        }
        return period
    }
}
