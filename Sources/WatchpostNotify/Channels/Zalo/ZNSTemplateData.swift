import WatchpostCore

/// Fills a ZNS template's parameters from a message's fields within Zalo's limits.
///
/// Shortening is predictable: a value longer than its parameter's `max_length` keeps its first
/// characters and ends with "…"; then, while the template text and the values together exceed
/// 400 characters, the longest value that is not a link loses characters the same way (the
/// earliest parameter first among equals). Links are never cut: one too long is an error.
public enum ZNSTemplateData {
    /// The `template_data` object for `template` from `fields`, keys in the template's order.
    ///
    /// - Throws: `.configuration` when a link does not fit its parameter or the message limit.
    public static func fill(
        _ template: ZNSTemplateBook.Template,
        fields: [MessageField: String]
    ) throws(DeliveryError) -> [(name: String, value: String)] {
        var values: [(name: String, value: String, parameter: ZNSTemplateBook.Parameter)] = []
        for parameter in template.parameters {
            let text = (fields[parameter.field] ?? "").replacingOccurrences(of: "\n", with: " ")
            if parameter.field.isLink {
                guard text.count <= parameter.maxLength else {
                    throw DeliveryError(
                        .configuration,
                        channel: .zalo,
                        message: "the \(parameter.field.rawValue) (\(text.count) characters) does not fit parameter "
                            + "`\(parameter.name)` (max_length \(parameter.maxLength)) of ZNS template \(template.templateID)"
                    )
                }
                values.append((parameter.name, text, parameter))
            } else {
                values.append((parameter.name, shorten(text, to: parameter.maxLength), parameter))
            }
        }
        var excess = template.textLength + values.map(\.value.count).reduce(0, +) - ZNSTemplateBook.messageLimit
        while excess > 0 {
            let candidates = values.indices.filter { !values[$0].parameter.field.isLink && values[$0].value.count > 1 }
            guard let longest = candidates.max(by: { values[$0].value.count < values[$1].value.count }) else {
                throw DeliveryError(
                    .configuration,
                    channel: .zalo,
                    message: "ZNS template \(template.templateID) cannot fit \(ZNSTemplateBook.messageLimit) characters"
                )
            }
            let length = values[longest].value.count
            let others = candidates.filter { $0 != longest }.map { values[$0].value.count }.max() ?? 1
            let target = max(1, max(others, length - excess))
            values[longest].value = shorten(values[longest].value, to: target)
            excess -= length - values[longest].value.count
        }
        return values.map { ($0.name, $0.value) }
    }

    /// `text` cut to `limit` characters, ending with "…" when cut.
    static func shorten(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        guard limit > 1 else { return String(text.prefix(limit)) }
        return String(text.prefix(limit - 1)).trimmingCharacters(in: .whitespaces) + "…"
    }
}
