import Foundation
import Hummingbird
import HummingbirdCore
import WatchpostCore
import WatchpostStore

/// The query of `GET /v1/incidents`: `status`, `unit`, `from`, `to` (RFC 3339, or a date
/// `YYYY-MM-DD` meaning its midnight in Vietnam). Anything else, or a bad value, is a 400 that
/// names the parameter.
public enum IncidentListQuery {
    static let parameters = ["status", "unit", "from", "to"]

    static func filter(_ request: Request, directory: Directory) throws(APIError) -> IncidentFilter {
        try filter(request.uri.queryParameters, directory: directory)
    }

    /// The filter of the query string of `uri` (e.g. `/v1/incidents?status=open`), as the route
    /// reads it; the fuzzer calls this with queries of any shape.
    ///
    /// - Throws: `APIError` 400 naming every bad parameter.
    public static func filter(uri: String, directory: Directory) throws(APIError) -> IncidentFilter {
        try filter(URI(uri).queryParameters, directory: directory)
    }

    private static func filter(_ query: Parameters, directory: Directory) throws(APIError) -> IncidentFilter {
        var filter = IncidentFilter()
        var problems: [EventProblem] = []
        for (name, _) in query where !parameters.contains(String(name)) {
            problems.append(
                EventProblem(
                    path: FieldPath.member(String(name), of: ""),
                    code: .unknownField,
                    reason: "is not a parameter; use status, unit, from, to"
                )
            )
        }
        if let status = query.get("status") {
            filter.status = IncidentStatus(rawValue: status)
            if filter.status == nil {
                let values = IncidentStatus.allCases.map(\.rawValue).joined(separator: ", ")
                problems.append(EventProblem(path: "status", code: .unknownValue, reason: "must be one of \(values)"))
            }
        }
        if let unit = query.get("unit") {
            if directory.unit(unit) == nil {
                problems.append(
                    EventProblem(path: "unit", code: .unknownUnit, reason: "is not a unit of the directory")
                )
            } else {
                filter.unit = unit
            }
        }
        filter.from = instant("from", query.get("from"), problems: &problems)
        filter.to = instant("to", query.get("to"), problems: &problems)
        if let from = filter.from, let to = filter.to, to <= from {
            problems.append(EventProblem(path: "to", code: .outOfRange, reason: "must be later than from"))
        }
        guard problems.isEmpty else {
            throw APIError(
                .badRequest,
                code: .invalidQuery,
                message: "the query is not valid: " + problems.map(\.description).joined(separator: "; "),
                vi: "Tham số truy vấn không hợp lệ; xem danh sách lỗi theo từng tham số.",
                problems: problems
            )
        }
        return filter
    }

    private static func instant(_ name: String, _ text: String?, problems: inout [EventProblem]) -> Date? {
        guard let text else { return nil }
        let full = text.count == 10 ? text + "T00:00:00+07:00" : text
        switch RFC3339.parse(full) {
        case .success(let date): return date
        case .failure:
            problems.append(
                EventProblem(
                    path: name,
                    code: .invalidTime,
                    reason: "must be RFC 3339 with an offset, or a date YYYY-MM-DD"
                )
            )
            return nil
        }
    }
}
