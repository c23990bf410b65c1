/// How an officer stands to an incident's school; rules in `routing.yaml` name people only this
/// way, so the policy survives any re-mapping of the organisation tree.
public enum Relation: String, CaseIterable, Sendable, Codable, Hashable {
    /// The school's head (hiệu trưởng).
    case schoolHead = "school_head"
    /// The school's deputy heads.
    case schoolDeputy = "school_deputy"
    /// The police liaison of the school's commune or ward ("police at the same level").
    case communePoliceLiaison = "commune_police_liaison"
    /// The police liaison of the provincial police above the commune police.
    case provincialPoliceLiaison = "provincial_police_liaison"
    /// The desk of the authority that supervises the school.
    case authorityDesk = "authority_desk"
    /// The leadership in charge of education at the supervising authority.
    case authorityLeadership = "authority_leadership"
    /// The head of the supervising authority.
    case authorityHead = "authority_head"
    /// The leadership of the authority above the supervising one (the provincial Department).
    case departmentLeadership = "department_leadership"
    /// The People's Committee that receives the authority's reports. It is sent reports only,
    /// never alerts, so the policy may not name it as a recipient or an owner.
    case peoplesCommittee = "peoples_committee"
    /// The People's Committee of the school's commune or ward (UBND xã/phường), by its chair
    /// (`head`) and vice-chairs (`deputy`). Since July 2025 it manages preschools, primary and
    /// lower-secondary schools, and its chair orders emergency intervention for a child at risk
    /// (Decree 56/2017). Unlike `peoples_committee` it is alerted and may owe obligations.
    case communePeoplesCommittee = "commune_peoples_committee"
    /// The supervising authority's after-hours duty officer (cán bộ trực) on the day: alerted
    /// out of working hours about urgent obligations, which they may acknowledge on the owner's
    /// behalf (issue 29).
    case dutyOfficer = "duty_officer"

    /// Whether people holding this relation can be alerted and owe obligations.
    public var isAlertable: Bool { self != .peoplesCommittee }
}
