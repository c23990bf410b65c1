import WatchpostCore

/// Who may declare closures, duty periods and absences (issue 29):
/// - a closure of a unit, or a duty period of an authority: the staff (head, deputy, desk,
///   leadership) of an education authority that is the unit or supervises it;
/// - an absence of an officer: the officer, or such staff of an authority over the officer's unit.
///
/// Reading them: the same callers, a school's staff for their own school's closures, and a tool
/// with `read`. A signed link never declares anything.
extension Access {
    /// The officer declaring with `principal`: 403 for a tool or an alert's link.
    static func declaringOfficer(_ principal: Principal) throws(APIError) -> Officer {
        switch principal {
        case .tool: throw AccessDenial.declarationsForOfficers
        case .officer(_, .link): throw AccessDenial.linkAcknowledgeOnly
        case .officer(let officer, _): return officer
        }
    }

    /// Whether `officer` is staff of an education authority that is `unit` or supervises it.
    static func governs(_ unit: UnitID, officer: Officer, directory: Directory) -> Bool {
        guard directory.unit(officer.unit)?.kind == .educationAuthority,
            !Directory.actingRoles.isDisjoint(with: officer.roles)
        else { return false }
        let supervised = supervision(by: officer.unit, directory: directory)
        return supervised.schools.contains(unit) || supervised.authorities.contains(unit)
    }

    /// The units `officer` may close: when they are staff of an education authority, that
    /// authority, the authorities under it and every school they supervise; else none.
    static func governedUnits(by officer: Officer, directory: Directory) -> [UnitID] {
        guard directory.unit(officer.unit)?.kind == .educationAuthority,
            !Directory.actingRoles.isDisjoint(with: officer.roles)
        else { return [] }
        let supervised = supervision(by: officer.unit, directory: directory)
        return supervised.authorities + supervised.schools
    }

    /// Whether `principal` may read the closures of `unit`.
    static func readsClosures(of unit: UnitID, by principal: Principal, directory: Directory) -> Bool {
        switch principal {
        case .tool: return principal.has(.read)
        case .officer(_, .link): return false
        case .officer(let officer, _):
            return officer.unit == unit || governs(unit, officer: officer, directory: directory)
        }
    }

    /// Whether `principal` may read the absences of `subject`.
    static func readsAbsences(of subject: Officer, by principal: Principal, directory: Directory) -> Bool {
        switch principal {
        case .tool: return principal.has(.read)
        case .officer(_, .link): return false
        case .officer(let officer, _):
            return officer.id == subject.id || governs(subject.unit, officer: officer, directory: directory)
        }
    }
}

extension AccessDenial {
    /// 403 for a tool: closures and absences are declared by people, who answer for them.
    static var declarationsForOfficers: APIError {
        APIError.forbidden(
            code: .officersOnly,
            "closures and absences are declared by signed-in officers, who answer for them; tools may read them",
            vi: "Lịch nghỉ và lịch vắng mặt do cán bộ đăng nhập thông báo và chịu trách nhiệm; công cụ chỉ được xem."
        )
    }

    /// 403 for a closure or a duty period of a unit the caller's authority does not supervise.
    static var unitDeclarationNotAllowed: APIError {
        APIError.forbidden(
            code: .forbiddenDeclaration,
            "only the staff of an education authority over this unit may declare or withdraw its closures and duty",
            vi:
                "Chỉ lãnh đạo, cán bộ của cơ quan quản lý giáo dục cấp trên mới được thông báo hoặc hủy lịch nghỉ, lịch trực của đơn vị này."
        )
    }

    /// 403 for an absence of another officer the caller's authority does not supervise.
    static var absenceNotAllowed: APIError {
        APIError.forbidden(
            code: .forbiddenDeclaration,
            "an absence is recorded by the officer or by the staff of an education authority over their unit",
            vi: "Lịch vắng mặt do chính cán bộ hoặc cơ quan quản lý giáo dục cấp trên của đơn vị ghi nhận."
        )
    }
}
