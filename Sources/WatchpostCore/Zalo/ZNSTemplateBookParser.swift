import Yams

/// Turns the composed YAML of `zns.yaml` into a `ZNSTemplateBook`, collecting every problem.
struct ZNSTemplateBookParser {
    var reader: ConfigReader

    mutating func parse(_ yaml: String) -> ZNSTemplateBook? {
        guard let root = reader.compose(yaml), let top = reader.mapping(root, "zns.yaml") else { return nil }
        reader.rejectUnknownKeys(top, allowed: ["version", "templates"], in: "zns.yaml")
        if let version = top["version"], version.int != 1 {
            reader.report(version, "unsupported `version`; this Watchpost reads version 1")
        }
        guard let templates = reader.mapping(top["templates"], "`templates`") else {
            reader.report(root, "zns.yaml is missing `templates`")
            return nil
        }
        let known = AlertTemplate.allCases.map(\.rawValue)
        var book: [String: ZNSTemplateBook.Template] = [:]
        for (key, node) in templates.mapping {
            let name = key.string ?? ""
            guard known.contains(name) else {
                reader.report(
                    key,
                    "unknown alert template `\(name)` in `templates`; known: \(known.joined(separator: ", "))"
                )
                continue
            }
            if let template = parseTemplate(node, "template `\(name)`") { book[name] = template }
        }
        return ZNSTemplateBook(templates: book)
    }

    private mutating func parseTemplate(_ node: Node, _ what: String) -> ZNSTemplateBook.Template? {
        guard let map = reader.mapping(node, what) else { return nil }
        reader.rejectUnknownKeys(map, allowed: ["template_id", "text_length", "params"], in: what)
        let id = reader.required(map, "template_id", in: what)
        if let id, !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            reader.report(map["template_id"], "`template_id` of \(what) must be letters and digits, not `\(id)`")
        }
        var textLength = 0
        if let node = map["text_length"] {
            if let value = node.int, (0..<ZNSTemplateBook.messageLimit).contains(value) {
                textLength = value
            } else {
                reader.report(node, "`text_length` of \(what) must be a whole number from 0 to 399")
            }
        }
        guard let params = reader.mapping(map["params"], "`params` of \(what)") else {
            reader.report(map.node, "\(what) is missing `params`")
            return nil
        }
        var parameters: [ZNSTemplateBook.Parameter] = []
        for (key, value) in params.mapping {
            let name = key.string ?? ""
            let label = "parameter `\(name)` of \(what)"
            if name.isEmpty || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
                reader.report(key, "\(label): a parameter name is letters, digits and `_`")
            }
            if let parameter = parseParameter(value, name: name, label) { parameters.append(parameter) }
        }
        if parameters.isEmpty { reader.report(params.node, "`params` of \(what) is empty") }
        let total = textLength + parameters.filter(\.field.isLink).map(\.maxLength).reduce(0, +)
        if total > ZNSTemplateBook.messageLimit {
            reader.report(
                map.node,
                "\(what): its text and links alone exceed \(ZNSTemplateBook.messageLimit) characters"
            )
        }
        guard let id else { return nil }
        return ZNSTemplateBook.Template(templateID: id, parameters: parameters, textLength: textLength)
    }

    private mutating func parseParameter(_ node: Node, name: String, _ label: String) -> ZNSTemplateBook.Parameter? {
        guard let map = reader.mapping(node, label) else { return nil }
        reader.rejectUnknownKeys(map, allowed: ["from", "max_length"], in: label)
        let fields = MessageField.allCases.map(\.rawValue)
        var field: MessageField?
        if let from = reader.required(map, "from", in: label) {
            field = MessageField(rawValue: from)
            if field == nil {
                reader.report(
                    map["from"],
                    "`from` of \(label): `\(from)` is not one of: \(fields.joined(separator: ", "))"
                )
            }
        }
        guard let lengthNode = map["max_length"] else {
            reader.report(map.node, "\(label) is missing `max_length`")
            return nil
        }
        guard let maxLength = lengthNode.int, (1...ZNSTemplateBook.messageLimit).contains(maxLength) else {
            reader.report(lengthNode, "`max_length` of \(label) must be a whole number from 1 to 400")
            return nil
        }
        guard let field else { return nil }
        return ZNSTemplateBook.Parameter(name: name, field: field, maxLength: maxLength)
    }
}
