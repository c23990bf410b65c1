/// Which periodic reports the workers produce, and who receives them: `reports` in
/// `routing.yaml`. Recipients are named by their relation to the authority that issues the
/// report (its desk, leadership and head, the Department above it, the People's Committee it
/// reports to), never by name.
public struct ReportSchedule: Sendable, Hashable {
    /// The relations a report may go to: those that stand to an authority rather than to one
    /// school.
    public static let reportRelations: [Relation] = [
        .authorityDesk, .authorityLeadership, .authorityHead, .departmentLeadership, .peoplesCommittee,
    ]

    /// The recipients of each cadence that is produced, in file order; a cadence absent here is
    /// not produced.
    public var recipients: [ReportCadence: [Relation]]

    /// Creates a schedule.
    public init(recipients: [ReportCadence: [Relation]]) {
        self.recipients = recipients
    }

    /// The cadences produced, weekly first.
    public var cadences: [ReportCadence] { ReportCadence.allCases.filter { recipients[$0] != nil } }
}
