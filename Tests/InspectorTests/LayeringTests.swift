import Foundation
import Testing

/// `update` never calls into view code: no type declared in Sources/Inspector/View
/// is named in Update/, State/, Layout/ or Runtime/ (docs/ARCHITECTURE.md). The view
/// extends `InspectorApp` with `view`, which only Runtime's loop may call.
@Suite struct LayeringTests {
    static let inspector = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/Inspector").standardized

    static func sources(_ folder: String) throws -> [(name: String, text: String)] {
        let dir = inspector.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".swift") }.sorted().map {
            ($0, try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8))
        }
    }

    /// The types a folder declares (`enum X`, `struct X`, `class X`).
    static func declaredTypes(_ folder: String) throws -> Set<String> {
        var names: Set<String> = []
        let pattern = try NSRegularExpression(pattern: #"^(?:public |final |private |fileprivate )*(?:enum|struct|class) ([A-Z][A-Za-z0-9]*)"#,
                                              options: .anchorsMatchLines)
        for (_, text) in try sources(folder) {
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let r = Range(m.range(at: 1), in: text) { names.insert(String(text[r])) }
            }
        }
        return names
    }

    @Test func nothingBelowTheViewNamesAViewType() throws {
        let viewTypes = try Self.declaredTypes("View")
        #expect(viewTypes.contains("LintPane") && viewTypes.contains("StatusLine"))
        for folder in ["Update", "State", "Layout", "Runtime"] {
            for (name, text) in try Self.sources(folder) {
                let words = Set(text.split { !$0.isLetter && !$0.isNumber }.map(String.init))
                let used = viewTypes.intersection(words)
                #expect(used.isEmpty, "\(folder)/\(name) names \(used.sorted()) from View/")
            }
        }
    }

    @Test func onlyTheRunLoopDrawsAFrame() throws {
        for folder in ["Update", "State", "Layout"] {
            for (name, text) in try Self.sources(folder) {
                #expect(!text.contains("InspectorApp.view(") && !text.contains(".draw(") && !text.contains("func draw(")
                        && !text.contains(".render(in:"), "\(folder)/\(name) draws")
            }
        }
    }
}
