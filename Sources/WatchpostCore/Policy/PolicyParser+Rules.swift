import Yams

extension PolicyParser {
    mutating func parseRule(_ node: Node) -> RoutingRule? {
        guard let map = reader.mapping(node, "a rule") else { return nil }
        reader.rejectUnknownKeys(map, allowed: ["name", "when", "alert", "obligations"], in: "a rule")
        guard let name = reader.required(map, "name", in: "a rule") else { return nil }
        let condition = parseCondition(map["when"], rule: name)
        let alert = relations(map["alert"], "`alert` of rule `\(name)`")
        var obligations: [ObligationSpec] = []
        for entry in reader.list(map["obligations"], "`obligations` of rule `\(name)`") {
            if let spec = parseObligation(entry, rule: name) { obligations.append(spec) }
        }
        if alert.isEmpty && obligations.isEmpty && map["alert"] == nil && map["obligations"] == nil {
            reader.report(map.node, "rule `\(name)` neither alerts anyone nor creates an obligation")
        }
        return RoutingRule(name: name, condition: condition, alert: alert, obligations: obligations)
    }

    private mutating func parseCondition(_ node: Node?, rule: String) -> RuleCondition {
        var condition = RuleCondition()
        guard let node else { return condition }
        if case .scalar(let scalar) = node, scalar.string == "any" || scalar.string.isEmpty { return condition }
        guard let map = reader.mapping(node, "`when` of rule `\(rule)`") else { return condition }
        let keys = ["category", "severity_at_least", "school_kind", "subject_role", "platform"]
        reader.rejectUnknownKeys(map, allowed: keys, in: "`when` of rule `\(rule)`")
        condition.categories = values(map["category"], "category", IncidentCategory.self)
        if let kinds = values(map["school_kind"], "school kind", UnitKind.self) {
            for kind in kinds where !kind.isSchool {
                reader.report(map["school_kind"], "`\(kind.rawValue)` is not a school kind")
            }
            condition.schoolKinds = kinds.filter(\.isSchool)
        }
        condition.subjectRoles = values(map["subject_role"], "subject role", SubjectRole.self)
        condition.platforms = values(map["platform"], "platform", Platform.self)
        if let node = map["severity_at_least"], let text = reader.string(node, "`severity_at_least`") {
            if let severity = Severity(rawValue: text) {
                condition.severityAtLeast = severity
            } else {
                reader.report(
                    node,
                    "unknown severity `\(text)`; known: \(Severity.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
        }
        return condition
    }

    /// A list of vocabulary values; unknown ones are reported with the known spellings.
    private mutating func values<Value: RawRepresentable & CaseIterable>(
        _ node: Node?,
        _ what: String,
        _ type: Value.Type
    ) -> [Value]? where Value.RawValue == String {
        guard let node else { return nil }
        var result: [Value] = []
        for entry in reader.list(node, "`\(what)`") {
            guard let text = reader.string(entry, what) else { continue }
            if let value = Value(rawValue: text) {
                result.append(value)
            } else {
                let known = Value.allCases.map(\.rawValue).joined(separator: ", ")
                reader.report(entry, "unknown \(what) `\(text)`; known: \(known)")
            }
        }
        return result
    }

    /// An obligation its owner can never meet is refused: some `met_by` entry of its kind must
    /// name the owner in `by`, or name nobody and be an event the owner may send.
    private mutating func checkCanBeMet(_ kind: ObligationKind, by owner: Relation, at node: Node, rule: String) {
        guard let triggers else { return }  // `met_by` itself is missing, and reported.
        let entries = triggers[kind] ?? []
        guard !entries.contains(where: { $0.canBeMet(by: owner) }) else { return }
        let others = Set(entries.compactMap(\.by)).map(\.rawValue).sorted()
        let who = others.isEmpty ? "no `met_by` entry" : "only " + others.map { "`\($0)`" }.joined(separator: ", ")
        reader.report(
            node,
            "rule `\(rule)`: `\(owner.rawValue)` owes `\(kind.rawValue)` but could never meet it (\(who) can); "
                + "add a `met_by` entry for `\(kind.rawValue)` with `by: \(owner.rawValue)` or without `by`"
        )
    }

    mutating func parseObligation(_ node: Node, rule: String) -> ObligationSpec? {
        guard let map = reader.mapping(node, "an obligation") else { return nil }
        let keys = ["kind", "owner", "deadline", "reminders", "escalation", "reason", "clock", "urgent", "call"]
        reader.rejectUnknownKeys(map, allowed: keys, in: "an obligation of rule `\(rule)`")
        let what = "an obligation of rule `\(rule)`"
        guard let kindNode = map["kind"] else {
            reader.report(map.node, "\(what) is missing `kind`")
            return nil
        }
        let kind = obligationKind(kindNode)
        let owner = map["owner"].flatMap { relation($0, alertable: true) }
        if map["owner"] == nil { reader.report(map.node, "\(what) is missing `owner`") }
        if let kind, let owner, let ownerNode = map["owner"] {
            checkCanBeMet(kind, by: owner, at: ownerNode, rule: rule)
        }
        let deadline = duration(map["deadline"], "`deadline`")
        if map["deadline"] == nil { reader.report(map.node, "\(what) is missing `deadline`") }
        var reminders: [Duration] = []
        for entry in reader.list(map["reminders"], "`reminders`") {
            guard let reminder = duration(entry, "a reminder") else { continue }
            if let deadline, reminder >= deadline {
                let text = DeadlineDuration.format(reminder)
                reader.report(
                    entry,
                    "reminder \(text) before the deadline is not within the \(DeadlineDuration.format(deadline)) deadline"
                )
                continue
            }
            reminders.append(reminder)
        }
        let chain = reader.required(map, "escalation", in: what)
        if let chain, let chainNode = map["escalation"] { chainReferences.append((chain, chainNode)) }
        var reason: DeadlineReason?
        if let reasonID = reader.required(map, "reason", in: what) {
            reason = reasons[reasonID]
            if reason == nil {
                reader.report(map["reason"], "unknown reason `\(reasonID)`; define it under `reasons`")
            }
        }
        let clock = parseClock(map["clock"], reasonID: map["reason"]?.string, what: what)
        guard let kind, let owner, let deadline, let chain, let reason, let reasonID = map["reason"]?.string else {
            return nil
        }
        var spec = ObligationSpec(
            kind: kind,
            owner: owner,
            deadline: deadline,
            reminders: reminders.sorted(by: >),
            chain: chain,
            reason: reason,
            reasonID: reasonID,
            clock: clock
        )
        if let node = map["urgent"] {
            switch node.string {
            case "true": spec.urgent = true
            case "false": break
            default: reader.report(node, "\(what): `urgent` must be true or false")
            }
        }
        if let node = map["call"] {
            if let text = node.string, let call = CallPolicy(rawValue: text) {
                spec.call = call
            } else {
                let allowed = CallPolicy.allCases.map(\.rawValue).joined(separator: ", ")
                reader.report(node, "\(what): `call` must be one of \(allowed)")
            }
        }
        return spec
    }

    /// `clock: calendar` (the default) or `clock: working`. Working time is refused where the
    /// reason cites a law that sets the hours (`law_sets_hours: true`): those run on any day.
    private mutating func parseClock(_ node: Node?, reasonID: String?, what: String) -> DeadlineClock {
        guard let node, let text = reader.string(node, "`clock`") else { return .calendar }
        guard let clock = DeadlineClock(rawValue: text) else {
            reader.report(node, "\(what): unknown clock `\(text)`; known: calendar, working")
            return .calendar
        }
        if clock == .working, let reasonID, reasonsSettingHours.contains(reasonID) {
            reader.report(
                node,
                "\(what) runs on `clock: working`, but its reason `\(reasonID)` cites a law that sets the hours "
                    + "(`law_sets_hours: true`), which run on any day: use `clock: calendar`"
            )
            return .calendar
        }
        return clock
    }
}
