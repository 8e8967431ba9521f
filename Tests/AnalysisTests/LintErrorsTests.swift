import Foundation
import Testing
import SceneData
@testable import Analysis

/// `Linter.errors` (what export runs to keep flagged pairs out) works out only
/// the error-level lints: it must give exactly the errors a full lint gives.
@Suite struct LintErrorsTests {
    @Test(arguments: ["scenes.jsonl", "broken.jsonl"])
    func errorsAreTheFullLintsErrors(_ file: String) throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples/" + file).path
        let dataset = try Dataset.open(path: path)
        dataset.indexAll()
        let linter = Linter()
        var errors = 0
        for i in 0..<dataset.count {
            guard let item = dataset.item(at: i).item else { continue }
            let fast = linter.errors(negatives: item.negatives, in: item)
            for (k, negative) in item.negatives.enumerated() {
                let full = linter.lint(negative: negative, in: item).filter { $0.severity == .error }
                #expect(fast[k] == full, "\(item.id)/\(negative.id)")
                errors += full.count
            }
        }
        if file == "broken.jsonl" { #expect(errors > 0, "the broken samples should hold error-level lints") }
    }
}
