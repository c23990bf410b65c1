import Foundation

/// Which approved Zalo ZNS template carries each Watchpost message, and how its parameters are
/// filled: `Config/zns.yaml`.
///
/// ```yaml
/// version: 1
/// templates:
///   incident.new:                 # an alert template (AlertTemplate's raw value)
///     template_id: "301234"       # the id Zalo gave the approved template
///     text_length: 120            # characters of the template's own text (default 0)
///     params:
///       school: { from: school, max_length: 100 }
///       link: { from: acknowledge_url, max_length: 200 }
/// ```
public struct ZNSTemplateBook: Sendable, Hashable {
    /// The most characters one ZNS message may have, template text and parameters together.
    public static let messageLimit = 400

    /// One parameter of a ZNS template.
    public struct Parameter: Sendable, Hashable {
        /// The parameter's name in the approved template, the key in `template_data`.
        public var name: String
        /// The fact it is filled from.
        public var field: MessageField
        /// The longest value Zalo accepts for it (the parameter type's limit at approval).
        public var maxLength: Int

        /// Creates a parameter.
        public init(name: String, field: MessageField, maxLength: Int) {
            self.name = name
            self.field = field
            self.maxLength = maxLength
        }
    }

    /// One approved template and its parameters, in the file's order.
    public struct Template: Sendable, Hashable {
        /// Zalo's template id.
        public var templateID: String
        /// The parameters, in the order written.
        public var parameters: [Parameter]
        /// Characters of the template's fixed text, counted against `messageLimit`.
        public var textLength: Int

        /// Creates a template.
        public init(templateID: String, parameters: [Parameter], textLength: Int = 0) {
            self.templateID = templateID
            self.parameters = parameters
            self.textLength = textLength
        }
    }

    /// The templates by Watchpost message: an `AlertTemplate` raw value.
    public var templates: [String: Template]

    /// Creates a book.
    public init(templates: [String: Template]) {
        self.templates = templates
    }

    /// Loads and validates the book from YAML text; `file` names it in problem messages.
    ///
    /// - Throws: `ConfigError` listing every problem as `file:line: message`.
    public static func load(yaml: String, file: String) throws(ConfigError) -> ZNSTemplateBook {
        var parser = ZNSTemplateBookParser(reader: ConfigReader(file: file))
        let book = parser.parse(yaml)
        guard let book, parser.reader.problems.isEmpty else {
            var problems = parser.reader.problems.sorted { $0.line < $1.line }
            if problems.isEmpty { problems = [ConfigProblem(file: file, line: 1, message: "the file is empty")] }
            throw ConfigError(problems: problems)
        }
        return book
    }

    /// Loads and validates the book from a file; messages name the file's path.
    ///
    /// - Throws: `ConfigError`, also when the file cannot be read.
    public static func load(contentsOf url: URL) throws(ConfigError) -> ZNSTemplateBook {
        try load(yaml: readConfigFile(url), file: url.path)
    }
}
