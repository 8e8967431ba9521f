import Foundation
import Testing
@testable import SceneData

/// Files in other layouts (Parquet, JSON arrays, TRL, LLaVA) open as items.
@Suite struct InputLayoutTests {
    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures/layouts/\(name)", withExtension: nil)?.path ?? "missing-\(name)"
    }

    static let png = pngBytes()

    /// `scenelens validate` on `path`: its exit status and printed lines.
    static func validate(_ path: String) -> (Int32, [String]) {
        var lines: [String] = []
        let status = ValidationRun.run(path: path, json: false, output: { lines.append($0) }, errorOutput: { lines.append($0) })
        return (status, lines)
    }

    @Test func aParquetRLAIFVFileOpensWithItsEmbeddedImages() throws {
        let data = try Dataset.open(path: Self.fixture("rlaif.parquet"))
        #expect(data.layout == .trl)
        #expect(data.count == 10)
        let parsed = data.item(at: 2)
        let item = try #require(parsed.item)
        #expect(item.id == "2")                   // the `idx` column
        #expect(parsed.line == 3)                 // rows count from 1, like lines
        #expect(item.question == "What is in picture 2?")
        #expect(item.chosen.steps == ["A red square number 2."])
        #expect(item.negatives.map(\.id) == ["rejected"])
        #expect(item.negatives.first?.operatorName == "unlabelled")
        #expect(item.negatives.first?.op == nil)
        #expect(item.negatives.first?.rationale.steps == ["A blue circle 2."])
        #expect(parsed.diagnostics.isEmpty)
        // The image struct's bytes reach the item as inline PNG bytes.
        guard case .inline(let bytes) = item.image else { Issue.record("the image is not inline: \(item.image)"); return }
        #expect(Array(bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        #expect(data.itemIndex(forID: "7") == 7)
    }

    @Test func aRowWithoutARejectedTextIsNamed() throws {
        let data = try Dataset.open(path: Self.fixture("rlaif.parquet"))
        let parsed = data.item(at: 3)
        #expect(parsed.diagnostics.map(\.formatted) == ["\(data.path):4: 3: negatives[0].rationale: required field is missing"])
        let (status, lines) = Self.validate(data.path)
        #expect(status == ValidationRun.errorsFound)
        #expect(lines == ["\(data.path):4: 3: negatives[0].rationale: required field is missing",
                          "\(data.path): 10 items, 1 error, 0 warnings"])
    }

    @Test func aBrokenParquetPageIsOneItemsErrorNotTheFiles() throws {
        let data = try Dataset.open(path: Self.fixture("bad_page.parquet"))
        #expect(data.count == 10)
        let broken = data.item(at: 0)
        #expect(broken.item == nil)
        #expect(broken.diagnostics.first?.message.contains("column question, row group 0, page 0") == true)
        #expect(data.item(at: 4).item?.question == "What is in picture 4?")
    }

    @Test func aPOVIDJSONArrayOpensWithoutImageTokens() throws {
        let rows: [[String: Any]] = (0..<2).map { i in [
            "id": "povid-\(i)", "image": "img.png",
            "conversations": [["from": "human", "value": "<image>\nWhat is the man holding?"],
                              ["from": "gpt", "value": "He holds a red umbrella."]],
            "rejected_conversations": [["from": "human", "value": "<image>\nWhat is the man holding?"],
                                       ["from": "gpt", "value": "He holds a blue kite."]],
        ] }
        let temp = try TempDataset(bytes: [UInt8](try JSONSerialization.data(withJSONObject: rows)),
                                   files: ["img.png": Self.png], name: "povid.json")
        let data = try temp.open()
        #expect(data.layout == .llava)
        #expect(data.count == 2)
        let item = try #require(data.item(at: 1).item)
        #expect(item.id == "povid-1")
        #expect(item.question == "What is the man holding?")
        #expect(item.chosen.steps == ["He holds a red umbrella."])
        #expect(item.negatives.first?.rationale.steps == ["He holds a blue kite."])
        #expect(item.image == .path("img.png"))
        let (status, lines) = Self.validate(temp.path)
        #expect(status == ValidationRun.ok)
        #expect(lines == ["\(temp.path): 2 items, 0 errors, 0 warnings"])
    }

    @Test func conversationalTRLLinesGetStableHashIDs() throws {
        let line = #"{"images": ["img.png"], "prompt": [{"role": "user", "content": [{"type": "image"}, {"type": "text", "text": "<|im_start|>Describe it."}]}], "chosen": [{"role": "assistant", "content": [{"type": "text", "text": "A cat."}]}], "rejected": [{"role": "assistant", "content": [{"type": "text", "text": "A dog."}]}]}"#
        let temp = try TempDataset(lines: [line, line.replacingOccurrences(of: "A dog.", with: "A cow.")],
                                   files: ["img.png": Self.png])
        let data = try temp.open()
        #expect(data.layout == .trl)
        let first = try #require(data.item(at: 0).item)
        #expect(first.question == "Describe it.")
        #expect(first.chosen.steps == ["A cat."])
        #expect(first.negatives.first?.rationale.steps == ["A dog."])
        #expect(first.id.hasPrefix("row-"))
        // Same row, same id on every opening; a different row, a different id.
        let again = try temp.open()
        #expect(again.item(at: 0).item?.id == first.id)
        #expect(data.item(at: 1).item?.id != first.id)
        #expect(data.allIDs() == [first.id, data.item(at: 1).item?.id])
    }

    @Test func llavaRLHFTakesThePreferredOutput() throws {
        let row = #"{"id": "r1", "image": "img.png", "conversations": [{"from": "human", "value": "<image>\nIs it raining?"}], "output_1": {"from": "llava", "value": "Yes, heavily."}, "output_2": {"from": "llava", "value": "No, it is sunny."}, "preference": 2}"#
        let temp = try TempDataset(lines: [row], files: ["img.png": Self.png])
        let data = try temp.open()
        #expect(data.layout == .llavaRLHF)
        let item = try #require(data.item(at: 0).item)
        #expect(item.chosen.steps == ["No, it is sunny."])
        #expect(item.negatives.first?.rationale.steps == ["Yes, heavily."])
    }

    @Test func sceneLensLinesStaySceneLens() throws {
        let temp = try TempDataset(lines: [line(itemObject())], files: ["img.png": Self.png])
        #expect(try temp.open().layout == .scenelens)
        #expect(try Dataset.open(path: temp.path, layout: .trl).layout == .trl)
    }

    @Test func chatMarkersAreKeptOutOfText() {
        #expect(DisplayText.clean("<image>\n<|im_start|>user\nHow many?<|im_end|>") == "user\nHow many?")
        #expect(DisplayText.clean("[INST] <image> Count the dogs [/INST]") == "Count the dogs")
    }
}
