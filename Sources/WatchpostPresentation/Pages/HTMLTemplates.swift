import Foundation
import Mustache
import WatchpostCore

/// The HTML templates of the pages (`Templates/*.mustache`), rendered by swift-mustache
/// (decision D47).
///
/// Every `{{name}}` is escaped by `HTML.escape`, which works per Unicode scalar: the loader
/// starts each template with a `CONTENT_TYPE` pragma naming `EscapedHTML`, so no template can
/// use the library's own HTML escape, which works per `Character` and lets a `"` followed by a
/// combining mark through. A file's final line break is dropped, so a partial (`{{> time}}`)
/// can sit inside a sentence. No template may write unescaped text (`{{{…}}}` or `{{&…}}`);
/// `HTMLTemplateTests` fails if one does. A page's parts are partials and its frame a parent
/// template (`{{<layout}}`), never HTML strings passed in.
public enum HTMLTemplates {
    /// The name the pragma gives `EscapedHTML`.
    static let contentType = "WATCHPOST_HTML"

    /// The library, loaded once from the module's bundle.
    static let library: Result<MustacheLibrary, HTMLTemplateError> = {
        do { return .success(try load()) } catch {
            return .failure(error as? HTMLTemplateError ?? .unreadable("\(error)"))
        }
    }()

    /// Loads the templates now, so that a missing or broken template stops the server at start
    /// rather than failing the first page that needs it.
    public static func check() throws {
        _ = try library.get()
    }

    /// `template` rendered with `model`. Properties are found by name (swift-mustache reads
    /// stored properties through `Mirror`, and dictionaries by key).
    public static func render(_ model: Any, template: String) throws(HTMLTemplateError) -> String {
        let library = try library.get()
        guard let html = library.render(model, withTemplate: template) else { throw .missing(template) }
        return html
    }

    /// Each template's source by its name, for the checks of `HTMLTemplateTests`.
    public static var sources: [String: String] {
        get throws { try templateFiles().mapValues { try String(contentsOf: $0, encoding: .utf8) } }
    }

    private static func load() throws(HTMLTemplateError) -> MustacheLibrary {
        MustacheContentTypes.register(EscapedHTML(), named: contentType)
        var library = MustacheLibrary()
        do {
            for (name, file) in try templateFiles() {
                var text = try String(contentsOf: file, encoding: .utf8)
                // A file's final line break is not part of its template, so a partial can sit
                // inside a line of text.
                if text.hasSuffix("\n") { text.removeLast() }
                do {
                    library.register(
                        try MustacheTemplate(string: "{{% CONTENT_TYPE: \(contentType)}}" + text),
                        named: name
                    )
                } catch {
                    throw HTMLTemplateError.invalid(name, "\(error)")
                }
            }
        } catch let error as HTMLTemplateError {
            throw error
        } catch {
            throw .unreadable("\(error)")
        }
        return library
    }

    private static func templateFiles() throws(HTMLTemplateError) -> [String: URL] {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw .unreadable("the Templates folder is missing from the WatchpostPresentation bundle")
        }
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        } catch {
            throw .unreadable("\(error)")
        }
        var templates: [String: URL] = [:]
        for file in files where file.pathExtension == "mustache" {
            templates[file.deletingPathExtension().lastPathComponent] = file
        }
        return templates
    }
}

/// Why a page could not be rendered.
public enum HTMLTemplateError: Error, CustomStringConvertible, Sendable {
    /// The templates could not be read.
    case unreadable(String)
    /// A template does not parse.
    case invalid(String, String)
    /// No template has this name.
    case missing(String)

    /// The reason, in a sentence for the log.
    public var description: String {
        switch self {
        case .unreadable(let reason): "the page templates cannot be read: \(reason)"
        case .invalid(let name, let reason): "the page template `\(name)` does not parse: \(reason)"
        case .missing(let name): "there is no page template `\(name)`"
        }
    }
}

/// HTML text escaped per Unicode scalar (`HTML.escape`), the content type of every template.
struct EscapedHTML: MustacheContentType {
    func escapeText(_ text: String) -> String { HTML.escape(text) }
}
