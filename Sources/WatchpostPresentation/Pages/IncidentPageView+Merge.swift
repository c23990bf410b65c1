import Foundation
import WatchpostCore

extension IncidentPageView {
    /// The first eight characters of an incident id, as the pages show it beside its school.
    static func shortID(_ id: UUID) -> String { String(id.canonicalString.prefix(8)) }

    /// Another incident in words: its school, its category and its short id.
    static func describe(_ peer: IncidentPeer, _ source: IncidentPageSource) -> String {
        let school = source.directory.unit(peer.unitID)?.name ?? peer.unitID
        let parts = [school, peer.category?.label(source.locale), shortID(peer.id)]
        return parts.compactMap { $0 }.joined(separator: " · ")
    }

    /// On a merged incident, above everything: "Đã gộp vào sự việc …", with a link when the
    /// reader may open it.
    struct MergedNotice: Sendable {
        let text: String
        let link: String?
        let incident: String

        init(_ survivor: IncidentPeer, _ source: IncidentPageSource) {
            text = source.word("mergedNotice")
            link = survivor.visible ? "/incidents/\(survivor.id.canonicalString)" : nil
            incident = IncidentPageView.describe(survivor, source)
        }
    }

    /// The duplicates merged into this incident.
    struct Absorbed: Sendable {
        let items: [Item]

        struct Item: Sendable {
            let link: String?
            let incident: String
        }

        init?(_ duplicates: [IncidentPeer], _ source: IncidentPageSource) {
            guard !duplicates.isEmpty else { return nil }
            items = duplicates.map {
                Item(
                    link: $0.visible ? "/incidents/\($0.id.canonicalString)" : nil,
                    incident: IncidentPageView.describe($0, source)
                )
            }
        }
    }
}

extension IncidentPageView.Form {
    /// The legend, fields and button of the forms that unmerge, relate and merge (D60).
    static func organising(
        _ kind: IncidentFormKind,
        _ source: IncidentPageSource,
        _ problem: IncidentFormProblem?,
        _ candidates: [IncidentPeer]
    ) -> (legend: String, fields: [FieldView], button: String) {
        let locale = source.locale
        switch kind {
        case .related:
            let field = FieldView.text(
                .init(
                    name: "incident",
                    label: source.word("relateField"),
                    hint: source.word("relateHint"),
                    error: message("incident", problem, locale)
                ),
                value: problem?.typed["incident"] ?? ""
            )
            return (source.word("relateIncident"), [field], source.word("relate"))
        case .merged:
            let field = FieldView.select(
                .init(
                    name: "into",
                    label: source.word("mergeInto"),
                    hint: source.word("mergeHint"),
                    error: message("into", problem, locale)
                ),
                options: candidates.map { ($0.id.canonicalString, IncidentPageView.describe($0, source)) },
                selected: problem?.typed["into"] ?? "",
                placeholder: source.word("choose")
            )
            return (source.word("mergeIncident"), [field], source.word("merge"))
        case .unrelated:
            return (source.word("unrelate"), [], source.word("unrelate"))
        default:
            return (source.word("unmergeIncident"), [], source.word("unmerge"))
        }
    }
}
