extension IncidentCategory {
    /// Every category from the most to the least serious: harm to a child first, then violence,
    /// social evils, signs of a crime, false and sensitive content, unverified content, the rest.
    ///
    /// When reports of one post disagree, the incident takes the most serious category (D32).
    /// Being a fixed order, not the order reports arrive in, it gives the same category whatever
    /// that order. Routing does not depend on it: every report's category keeps applying.
    public static let bySeriousness: [IncidentCategory] = [
        .childAtRisk, .schoolViolence, .incitementSocialEvils, .lawViolationSigns,
        .falseInformation, .sensitiveContent, .unverifiedInformation, .other,
    ]

    /// Whether `self` comes before `other` in `bySeriousness`.
    public func isMoreSerious(than other: IncidentCategory) -> Bool {
        rank < other.rank
    }

    private var rank: Int { Self.bySeriousness.firstIndex(of: self) ?? Self.bySeriousness.count }
}
