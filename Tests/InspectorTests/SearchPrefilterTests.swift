import Foundation
import Inspector
import Review
import SceneData
import Testing

/// `/` over a dataset file passes over lines whose bytes cannot hold the
/// text (`TextPrefilter`) without parsing them: matches hidden behind JSON
/// escapes, case and accents must still be found, in dataset order.
@Suite struct SearchPrefilterTests {
    /// Items made from the tiny fixture's first line, each with its own id and question (as JSON text).
    func dataset(_ questions: [String]) throws -> String {
        let good = try #require(Bundle.module.url(forResource: "tiny", withExtension: "jsonl", subdirectory: "Fixtures"))
        let first = try #require(try String(contentsOf: good, encoding: .utf8).split(separator: "\n").first)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        var lines: [String] = []
        for (k, q) in questions.enumerated() {
            object["id"] = "item-\(k)"
            object["question"] = "QUESTION-HERE"
            let text = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
            lines.append(text.replacingOccurrences(of: "QUESTION-HERE", with: q))
        }
        let path = NSTemporaryDirectory() + "scenelens-prefilter-\(UUID().uuidString).jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func find(_ text: String, from: Int, in path: String) throws -> Int? {
        let runner = EffectRunner(services: .standard(source: DatasetSource(try Dataset.open(path: path)), store: MemoryStore()))
        guard case .found(let index, _, _)? = runner.perform(.find(from: from, forward: true, criterion: .text(text, within: .none),
                                                                     includeStart: false)) else { return nil }
        return index
    }

    @Test func matchesBehindEscapesCaseAndAccentsAreFound() throws {
        let path = try dataset([
            "Is there a zebra?",
            #"Is the CU\u0042E red?"#,
            "Is there a sphere?",
            #"Is the \"quoted\" one red?"#,
            #"Is the caf\u00e9 open?"#,
            "Is the zebra blue?",
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try find("cube", from: 0, in: path) == 1)
        #expect(try find("\"QUOTED\"", from: 0, in: path) == 3)
        #expect(try find("cafe", from: 0, in: path) == 4)
        #expect(try find("zebra", from: 0, in: path) == 5)
        #expect(try find("zebra", from: 5, in: path) == 0)
        #expect(try find("giraffe", from: 0, in: path) == nil)
    }
}
