import Foundation
import Testing
@testable import SceneData

/// Read modes (`ItemParts`): a read that leaves parts out must check the
/// line exactly as a full read does and give the same item without them.
@Suite struct ItemPartsTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples").path

    /// A full parse with the skipped members set to null.
    static func nulled(_ v: JSONValue, _ names: Set<String>) -> JSONValue {
        guard case .object(let members) = v else { return v }
        return .object(members.map { names.contains($0.0) ? ($0.0, .null) : $0 })
    }

    static func skipping(_ text: String, _ names: Set<String>) -> Result<JSONValue, JSONSyntaxError> {
        do { return .success(try JSONParser.parseReportingUTF8(Array(text.utf8), skippingMembers: names).value) }
        catch { return .failure(error) }
    }

    static func full(_ text: String, _ names: Set<String>) -> Result<JSONValue, JSONSyntaxError> {
        do { return .success(nulled(try JSONParser.parse(Array(text.utf8)), names)) } catch { return .failure(error) }
    }

    @Test(arguments: [
        #"{"id": "a", "meta": {"x": [1, 2, {"y": "\u00e9"}]}, "attention": [[0.5, 1e3]], "q": "kept"}"#,
        #"{"meta": 1, "meta": {"twice": true}, "attention": null}"#,
        // Only top-level members are skipped: a nested "meta" is built.
        #"{"negatives": [{"meta": {"deep": [1]}}], "x": {"attention": [2]}}"#,
        // Errors inside a skipped member are the full parse's errors, at the same place.
        #"{"id": "a", "meta": {"x": [1, }, "q": 1}"#,
        #"{"id": "a", "attention": [1, 2], "meta": "unterminated}"#,
        #"{"id": "a", "meta": "\x"}"#,
        #"{"id": "a", "attention": [01]}"#,
        #"{"id": "a", "meta": "\ud800"}"#,
        #"[{"meta": [1]}]"#,
    ])
    func skippedMembersAreCheckedNotBuilt(_ text: String) {
        let names: Set<String> = ["meta", "attention"]
        #expect(Self.skipping(text, names) == Self.full(text, names), "\(text)")
    }

    @Test func deepNestingInASkippedMemberIsStillAnError() {
        let deep = #"{"meta": "# + String(repeating: "[", count: JSONParser.maxDepth + 5) + String(repeating: "]", count: JSONParser.maxDepth + 5) + "}"
        let skipped = Self.skipping(deep, ["meta"])
        guard case .failure(let e) = skipped else { Issue.record("accepted nesting deeper than the limit"); return }
        #expect(e.message.contains("nesting deeper"))
        #expect(skipped == Self.full(deep, ["meta"]))
    }

    /// The full item as a review read should give it: no attention, counterfactuals, evidence or metadata.
    static func reviewPart(_ item: Item?) -> Item? {
        guard var item else { return nil }
        item.attention = []
        item.counterfactuals = []
        item.evidence = nil
        item.meta = nil
        return item
    }

    @Test(arguments: ["scenes.jsonl", "broken.jsonl"])
    func reviewReadIsTheFullItemWithoutItsHeavyParts(_ file: String) throws {
        let dataset = try Dataset.open(path: Self.samples + "/" + file)
        dataset.indexAll()
        #expect(dataset.count > 0)
        var withAttention = 0
        for i in 0..<dataset.count {
            let whole = dataset.item(at: i)
            let review = dataset.item(at: i, parts: .review)
            #expect((whole.item == nil) == (review.item == nil), "item \(i) of \(file): readable in one mode only")
            #expect(Self.reviewPart(whole.item) == review.item, "item \(i) of \(file)")
            #expect(dataset.item(at: i, parts: .all).item == whole.item)
            if whole.item?.attention.isEmpty == false { withAttention += 1 }
        }
        if file == "scenes.jsonl" { #expect(withAttention > 0, "the samples should exercise attention") }
    }
}
