import Foundation
import Hummingbird
import WatchpostCore
import WatchpostPresentation
import WatchpostStore

/// `/overview`, the authority's overview: open incidents per school, overdue obligations,
/// deliveries that died, and officers nobody can reach, for the schools the officer's education
/// authority supervises. Reuses the operator's overview (`OperatorOverview.read`) and the
/// directory's reachability check, narrowed to those schools.
enum OverviewPage {
    static func show(_ request: Request, _ context: APIRequestContext, _ environment: APIEnvironment) async throws
        -> Response
    {
        let caller = try PageCaller.require(.read, request, context, environment)
        let directory = environment.directory
        let schools = PageScope.overviewSchools(for: caller.officer, in: directory)
        guard !schools.isEmpty else {
            throw APIError.forbidden(
                code: .overviewAuthorityOnly,
                "the overview is for the staff of an education authority (its head, deputies, desk and leadership)",
                vi:
                    "Trang tổng quan dành cho cán bộ của cơ quan quản lý giáo dục (thủ trưởng, cấp phó, đầu mối, lãnh đạo phụ trách)."
            )
        }
        let schoolIDs = Set(schools.map(\.id))
        let now = environment.now()
        let scope = Access.visibility(of: caller.principal, directory: directory)
        let views = IncidentViews(pool: environment.pool)
        var open: [IncidentListItem] = []
        let overview: OperatorOverview
        do {
            for status in IncidentStatus.allCases where status.isOpen {
                var filter = IncidentFilter()
                filter.status = status
                filter.limit = 2000
                open += try await views.list(filter, inside: scope).filter { schoolIDs.contains($0.unitID) }
            }
            overview = try await OperatorOverview.read(
                from: environment.pool,
                now: now,
                overdueLimit: 500,
                deadLimit: 100
            )
        } catch {
            throw APIError.databaseUnavailable(error, environment: environment)
        }
        let overdue = overview.overdueObligations.filter { schoolIDs.contains($0.schoolID) }
        let openIDs = Set(open.map(\.id))
        var dead: [OperatorOverview.DeadDelivery] = []
        for delivery in overview.deadDeliveries {
            guard let incident = delivery.incidentID else { continue }
            if openIDs.contains(incident) {
                dead.append(delivery)
            } else if await Access.canView(incident: incident, by: caller.principal, environment: environment) {
                dead.append(delivery)
            }
        }
        let findings = unreachable(schools: schools, environment: environment)
        let locale = caller.locale
        let view = OverviewPageView(
            schools: schools,
            open: open,
            overdue: overdue,
            dead: dead,
            findings: findings,
            directory: directory,
            reportPath: PeriodReportPage.path,
            periods: PeriodReportPage.periods(now: now, current: nil, locale: locale),
            now: now,
            locale: locale
        )
        return caller.page(Labels.label("layout", "overview")(locale), path: "/overview", template: "overview", view)
            .response()
    }

    /// The reachability findings about `schools` and the officers they need, or `nil` when the
    /// channel settings cannot be read.
    private static func unreachable(schools: [WatchpostCore.Unit], environment: APIEnvironment)
        -> [ReachabilityFinding]?
    {
        guard let check = environment.reachability else { return nil }
        let directory = environment.directory
        let ids = Set(schools.map(\.id))
        var needed: Set<OfficerID> = []
        for school in schools {
            for relation in Relation.allCases {
                needed.formUnion(directory.officers(relation, of: school.id).map(\.id))
            }
        }
        return check.findings(directory: directory, policy: environment.policy, file: "directory.yaml").filter {
            finding in
            switch finding.subject {
            case .school(let id): ids.contains(id)
            case .officer(let id): needed.contains(id)
            }
        }
    }
}
