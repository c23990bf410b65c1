import Yams

extension PolicyParser {
    /// `reports`: the periodic reports the workers produce and who receives them. Optional;
    /// without it no report is scheduled (`watchpost report` still works).
    mutating func parseReports(_ node: Node?) -> ReportSchedule? {
        guard let map = reader.mapping(node, "`reports`") else { return nil }
        reader.rejectUnknownKeys(map, allowed: ReportCadence.allCases.map(\.rawValue), in: "`reports`")
        var recipients: [ReportCadence: [Relation]] = [:]
        for cadence in ReportCadence.allCases {
            let what = "`reports.\(cadence.rawValue)`"
            guard let entry = reader.mapping(map[cadence.rawValue], what) else { continue }
            reader.rejectUnknownKeys(entry, allowed: ["recipients"], in: what)
            let nodes = reader.list(entry["recipients"], "\(what).recipients")
            if nodes.isEmpty { reader.report(entry.node, "\(what) names no `recipients`: nobody would receive it") }
            var relations: [Relation] = []
            for node in nodes {
                guard let relation = relation(node, alertable: false) else { continue }
                guard ReportSchedule.reportRelations.contains(relation) else {
                    let allowed = ReportSchedule.reportRelations.map(\.rawValue).joined(separator: ", ")
                    reader.report(
                        node,
                        "`\(relation.rawValue)` stands to one school; a report is issued by an authority "
                            + "and goes to: \(allowed)"
                    )
                    continue
                }
                if !relations.contains(relation) { relations.append(relation) }
            }
            recipients[cadence] = relations
        }
        return ReportSchedule(recipients: recipients)
    }
}
