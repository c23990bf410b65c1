import Foundation
import HTTPTypes
import Testing
import WatchpostAPI
import WatchpostCore

/// Every caller of the sample directory against every route of `APIServer.rules`. A `/v1`
/// route without an entry in `expectations`, or a served route without a rule, fails.
@Suite("APIAuthorisationMatrix", .serialized, .timeLimit(.minutes(10)))
struct APIAuthorisationMatrixTests {
    /// Which incident or school a request is about: the cast's school (`own`: a child at risk,
    /// reported by its monitor and routed to the commune police and People's Committee; `quiet`:
    /// reported by a tool, routed to neither) or the foreign one.
    enum Target: CaseIterable { case own, quiet, foreign }

    /// The world of the matrix: the cast, an incident at each school, the tokens.
    struct World: Sendable {
        let cast: APICast
        let incident: [Target: UUID]
        let tokens: [APICaller: String]
        /// An officer of the foreign school, whose absences only the Department may record.
        let foreignMonitor: Officer
        /// The desk officer of the foreign school's authority, whose duty only the Department may name.
        let foreignDesk: Officer
        /// Today in Vietnam, by the API's clock.
        let today: CivilDay

        func unit(_ target: Target) -> UnitID { target == .foreign ? cast.foreignSchool.id : cast.school.id }

        /// Whether `caller` may see the incident at `target`: a monitor only what it reported,
        /// a police liaison and the commune chair only what was routed to them.
        func sees(_ caller: APICaller, _ target: Target) -> Bool {
            switch caller {
            case .toolRead, .departmentLeadership: true
            case .toolReport, .toolAct, .anonymous: false
            case .monitor, .policeLiaison, .communeChair: target == .own
            default: target != .foreign
            }
        }

        /// Whether `caller` may act on the incident at `target`.
        func acts(_ caller: APICaller, _ target: Target) -> Bool {
            switch caller {
            case .departmentLeadership: true
            case .monitor, .toolRead, .toolReport, .toolAct, .anonymous: false
            case .policeLiaison, .communeChair: target == .own
            default: target != .foreign
            }
        }

        /// Whether `caller` may report for the school at `target`: monitors for their school
        /// (an authority's monitor for the schools under it), report tools for any.
        func reports(_ caller: APICaller, _ target: Target) -> Bool {
            if caller == .toolReport { return true }
            guard let officer = cast.officers[caller], officer.roles.contains(.monitor) else { return false }
            return target != .foreign
        }

        /// Whether `caller` may send an `incident.updated` of the incident at `target`: an officer
        /// who may report for its school and see it (a school's monitor: only what it reported);
        /// a report tool for any (the workers judge it).
        func updates(_ caller: APICaller, _ target: Target) -> Bool {
            caller == .toolReport || (caller.isOfficer && reports(caller, target) && sees(caller, target))
        }
    }

    /// One request of a route for a caller, and the answer expected.
    struct Case {
        var method: HTTPRequest.Method
        var uri: String
        var body: Any? = nil
        var status: HTTPResponse.Status
        var code: String? = nil
    }

    /// The expected answers of every `/v1` route and of the operations routes.
    static let expectations = incidentExpectations.merging(declarationExpectations) { first, _ in first }
        .merging(replyExpectations) { first, _ in first }
        .merging(zaloExpectations) { first, _ in first }
        .merging(relatedExpectations) { first, _ in first }
        .merging(mergeExpectations) { first, _ in first }

    static let incidentExpectations: [String: @Sendable (World, APICaller) -> [Case]] = [
        "GET /v1/me/obligations": { world, caller in
            [
                Case(
                    method: .get,
                    uri: "/v1/me/obligations",
                    status: denial(caller, .read) ?? (caller.isOfficer ? .ok : .forbidden)
                )
            ]
        },
        "GET /v1/incidents": { world, caller in
            [Case(method: .get, uri: "/v1/incidents", status: denial(caller, .read) ?? .ok)]
        },
        "GET /v1/incidents/{id}": { world, caller in
            Target.allCases.map { target in
                Case(
                    method: .get,
                    uri: "/v1/incidents/\(world.incident[target]!.canonicalString)",
                    status: denial(caller, .read) ?? (world.sees(caller, target) ? .ok : .forbidden),
                    code: denial(caller, .read) == nil && !world.sees(caller, target) ? "forbidden_incident" : nil
                )
            }
        },
        "POST /v1/events": { world, caller in
            Target.allCases.flatMap { target in
                let refused: HTTPResponse.Status = caller == .anonymous ? .unauthorized : .forbidden
                let naming = world.incident[target]!
                return [
                    Case(
                        method: .post,
                        uri: "/v1/events",
                        body: report(world, caller, target),
                        status: world.reports(caller, target) ? .accepted : refused
                    ),
                    // A report for the caller's school may not name an existing incident, of
                    // that school or another: reports join an incident through the dedup rule.
                    Case(
                        method: .post,
                        uri: "/v1/events",
                        body: report(world, caller, .own, naming: naming),
                        status: world.reports(caller, .own) ? .badRequest : refused,
                        code: world.reports(caller, .own) ? "invalid_event" : nil
                    ),
                    Case(
                        method: .post,
                        uri: "/v1/events",
                        body: update(world, caller, target),
                        status: world.updates(caller, target) ? .accepted : refused
                    ),
                ]
            }
        },
        "POST /v1/incidents/{id}/acknowledge": { world, caller in action(world, caller, "acknowledge", [:]) },
        "POST /v1/incidents/{id}/actions": { world, caller in
            action(world, caller, "actions", ["action": "content_removed", "note": "Đã gỡ bài"])
        },
        "POST /v1/incidents/{id}/resolve": { world, caller in
            action(world, caller, "resolve", ["note": "Đã xử lý xong"])
        },
        "POST /v1/incidents/{id}/reopen": { world, caller in
            action(world, caller, "reopen", ["reason": "Bài được đăng lại từ tài khoản khác"])
        },
        "POST /v1/incidents/{id}/escalate": { world, caller in
            action(world, caller, "escalate", ["note": "Cần cấp trên hỗ trợ"])
        },
        "GET /healthz": { _, _ in [Case(method: .get, uri: "/healthz", status: .ok)] },
        "GET /readyz": { _, _ in [Case(method: .get, uri: "/readyz", status: .ok)] },
        "GET /openapi.yaml": { _, _ in [Case(method: .get, uri: "/openapi.yaml", status: .ok)] },
        "GET /metrics": { _, caller in
            [
                Case(
                    method: .get,
                    uri: "/metrics",
                    status: caller == .anonymous ? .unauthorized : caller == .toolRead ? .ok : .forbidden
                )
            ]
        },
    ]

    /// 401 for nobody, 403 for a tool without `scope`; nil when the route's scope is held.
    static func denial(_ caller: APICaller, _ scope: Scope) -> HTTPResponse.Status? {
        if caller == .anonymous { return .unauthorized }
        if let held = caller.toolScope, held != scope { return .forbidden }
        return nil
    }

    static func action(_ world: World, _ caller: APICaller, _ name: String, _ body: [String: String]) -> [Case] {
        Target.allCases.map { target in
            Case(
                method: .post,
                uri: "/v1/incidents/\(world.incident[target]!.canonicalString)/\(name)",
                body: body,
                status: caller == .anonymous ? .unauthorized : world.acts(caller, target) ? .accepted : .forbidden
            )
        }
    }

    /// The `source` of an event `caller` sends.
    static func source(_ world: World, _ caller: APICaller) -> [String: String] {
        if let officer = world.cast.officers[caller] { return ["kind": "officer", "id": officer.id] }
        if let scope = caller.toolScope { return ["kind": "tool", "id": "matrix-\(scope.rawValue)"] }
        return ["kind": "tool", "id": "nobody"]
    }

    /// An `incident.updated` raising the severity of the incident at `target`.
    static func update(_ world: World, _ caller: APICaller, _ target: Target) -> [String: Any] {
        [
            "schema_version": 1,
            "event_id": UUID().canonicalString,
            "type": "incident.updated",
            "incident_id": world.incident[target]!.canonicalString,
            "occurred_at": RFC3339.format(Date()),
            "source": source(world, caller),
            "unit_id": world.unit(target),
            "data": ["severity": "high"],
        ]
    }

    /// A report for the school at `target`, of a new incident or, with `naming`, under that id.
    static func report(_ world: World, _ caller: APICaller, _ target: Target, naming: UUID? = nil) -> [String: Any] {
        [
            "schema_version": 1,
            "event_id": UUID().canonicalString,
            "type": "incident.reported",
            "incident_id": (naming ?? UUID()).canonicalString,
            "occurred_at": RFC3339.format(Date()),
            "source": source(world, caller),
            "unit_id": world.unit(target),
            "data": [
                "platform": "facebook",
                "urls": ["https://www.facebook.com/groups/1/posts/\(UUID().canonicalString)"],
                "category": "other",
                "severity": "low",
                "subjects": [],
                "summary": "Bài đăng cần kiểm tra",
            ],
        ]
    }

    @Test func everyServedRouteHasExactlyOneRuleAndEveryRuleIsServed() async throws {
        try await APITestHarness.with { api in
            let served = Set(APIServer.router(api.environment).routes.map(\.description))
            let declared = APIServer.rules.map { "\($0.method) \(RouterPathText.normalised($0.path))" }
            #expect(Set(declared).count == declared.count, "a route has two rules: \(declared)")
            #expect(
                served.subtracting(declared).isEmpty,
                "served without a RouteRule: \(served.subtracting(declared).sorted())"
            )
            #expect(
                Set(declared).subtracting(served).isEmpty,
                "a rule without a route: \(Set(declared).subtracting(served).sorted())"
            )
        }
    }

    @Test func everyCallerGetsWhatTheDirectoryGrantsOnEveryRoute() async throws {
        try await APITestHarness.with { api in
            let world = try await Self.world(api)
            for rule in APIServer.rules {
                if let expectation = Self.expectations[rule.description] {
                    for caller in APICaller.allCases {
                        for expected in expectation(world, caller) {
                            let response = try await Self.send(expected, token: world.tokens[caller], api: api)
                            #expect(
                                response.status == expected.status,
                                "\(caller) \(expected.method) \(expected.uri): \(response.status.code) \(response.text)"
                            )
                            if let code = expected.code {
                                #expect(response.errorCode == code, "\(caller) \(expected.uri)")
                            }
                        }
                    }
                } else if rule.path.hasPrefix("/v1/") {
                    Issue.record("\(rule) has no entry in the authorisation matrix")
                } else {
                    try await Self.checkDeclaredAccess(rule, world: world, api: api)
                }
            }
        }
    }

    @Test func theIncidentListHoldsExactlyWhatEachCallerMayOpen() async throws {
        try await APITestHarness.with { api in
            let world = try await Self.world(api)
            for caller in APICaller.allCases where Self.denial(caller, .read) == nil {
                let response = try await api.request(.get, "/v1/incidents", token: world.tokens[caller])
                let ids = Set((response.json["incidents"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
                for target in Target.allCases {
                    #expect(
                        ids.contains(world.incident[target]!.canonicalString) == world.sees(caller, target),
                        "\(caller) listing \(target)"
                    )
                }
            }
        }
    }

    @Test func deniedCallsProduceNothing() async throws {
        try await APITestHarness.with { api in
            let world = try await Self.world(api)
            let head = world.tokens[.schoolHead]
            let monitor = world.tokens[.monitor]
            let foreign = world.incident[.foreign]!.canonicalString
            let refused = [
                try await api.request(
                    .post,
                    "/v1/incidents/\(foreign)/acknowledge",
                    token: head,
                    json: [String: String]()
                ),
                try await api.request(
                    .post,
                    "/v1/incidents/\(world.incident[.own]!.canonicalString)/resolve",
                    token: monitor,
                    json: [String: String]()
                ),
                try await api.request(
                    .post,
                    "/v1/events",
                    token: monitor,
                    json: Self.report(world, .monitor, .foreign)
                ),
                try await api.request(.post, "/v1/events", token: head, json: Self.report(world, .schoolHead, .own)),
            ]
            #expect(
                refused.map(\.errorCode) == [
                    "forbidden_incident", "role_cannot_act", "forbidden_unit", "role_cannot_report",
                ]
            )
            #expect(try await api.produced().isEmpty)
        }
    }

    /// For routes of other groups (pages, sign-in): nobody gets no success on a route needing a
    /// scope, and a tool without that scope neither.
    static func checkDeclaredAccess(_ rule: RouteRule, world: World, api: APITestHarness) async throws {
        guard case .scope(let scope) = rule.access else { return }
        let uri = rule.path.replacingOccurrences(of: "{id}", with: world.incident[.own]!.canonicalString)
            .replacingOccurrences(of: "{other}", with: world.incident[.quiet]!.canonicalString)
        for caller in APICaller.allCases where caller == .anonymous || (caller.toolScope.map { $0 != scope } ?? false) {
            let response = try await api.request(
                rule.method,
                uri,
                token: world.tokens[caller],
                body: rule.method == .post ? [] : nil
            )
            #expect(!(200..<300).contains(response.status.code), "\(caller) \(rule): \(response.status.code)")
        }
    }

    static func send(_ expected: Case, token: String?, api: APITestHarness) async throws -> APIResponse {
        guard let body = expected.body else {
            return try await api.request(expected.method, expected.uri, token: token)
        }
        return try await api.request(expected.method, expected.uri, token: token, json: body)
    }

    /// Seeds the incidents of `Target` (a student among the subjects of each) and issues every
    /// caller's token.
    static func world(_ api: APITestHarness) async throws -> World {
        let cast = try APICast(api.directory)
        let own = UUID()
        let quiet = UUID()
        let foreign = UUID()
        let now = api.environment.now()
        let foreignMonitor = try #require(api.directory.officers(withRole: .monitor, in: cast.foreignSchool.id).first)
        try await api.seed([
            StoreFixture.report(
                incident: own,
                category: .childAtRisk,
                unit: cast.school.id,
                by: EventSource(kind: .officer, id: cast.officers[.monitor]!.id),
                at: now
            ),
            StoreFixture.report(
                incident: foreign,
                category: .other,
                severity: .low,
                unit: cast.foreignSchool.id,
                by: EventSource(kind: .officer, id: foreignMonitor.id),
                at: now
            ),
            StoreFixture.report(
                incident: quiet,
                category: .other,
                severity: .low,
                unit: cast.school.id,
                by: EventSource(kind: .tool, id: "crawler"),
                at: now
            ),
        ])
        var tokens: [APICaller: String] = [:]
        for caller in APICaller.allCases { tokens[caller] = try await cast.token(caller, api: api) }
        return World(
            cast: cast,
            incident: [.own: own, .quiet: quiet, .foreign: foreign],
            tokens: tokens,
            foreignMonitor: foreignMonitor,
            foreignDesk: try #require(api.directory.officers(.authorityDesk, of: cast.foreignSchool.id).first),
            today: CivilDay(now)
        )
    }
}

/// A rule's path as Hummingbird prints a served one.
enum RouterPathText {
    static func normalised(_ path: String) -> String {
        "/" + path.split(separator: "/").joined(separator: "/")
    }
}
