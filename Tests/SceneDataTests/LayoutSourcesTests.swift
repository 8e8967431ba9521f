import Foundation
import Testing
@testable import SceneData

/// Shards, globs, compressed JSON Lines, `--map`, HA-DPO, and Parquet items
/// read from their own columns only (fixtures by pyarrow and `datasets`: make.py).
@Suite struct LayoutSourcesTests {
    static func fixture(_ name: String) -> String { InputLayoutTests.fixture(name) }

    @Test func aFolderOfDatasetsShardsIsOneDatasetNumberedAcrossShards() throws {
        let folder = Self.fixture("hf_shards")
        let data = try Dataset.open(path: folder)
        #expect(data.layout == .trl)
        #expect(data.count == 7)
        #expect(data.files.map { ($0 as NSString).lastPathComponent }
                == ["train-00000-of-00003.parquet", "train-00001-of-00003.parquet", "train-00002-of-00003.parquet"])
        // Item 5 is the third shard's first row: its problems name that file and row.
        let parsed = data.item(at: 5)
        let item = try #require(parsed.item)
        #expect(item.question == "What colour is shape 5?")   // `<image>` kept out
        #expect(item.chosen.steps == ["Shape 5 is blue."])
        #expect(data.file(ofItem: 5).hasSuffix("train-00002-of-00003.parquet"))
        #expect(data.lineNumber(ofItem: 5) == 1)
        guard case .inline(let bytes) = item.image else { Issue.record("not inline: \(item.image)"); return }
        #expect(Array(bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        // No id column: ids are row hashes, the same through the folder and a glob, and all different.
        let ids = data.allIDs()
        #expect(Set(ids.compactMap { $0 }).count == 7)
        #expect(ids[5] == item.id)
        let glob = try Dataset.open(path: folder + "/train-*-of-00003.parquet")
        #expect(glob.allIDs() == ids)
        #expect(glob.itemIndex(forID: item.id) == 5)
        let (status, lines) = InputLayoutTests.validate(folder)
        #expect(status == ValidationRun.ok)
        #expect(lines == ["\(folder): 7 items, 0 errors, 0 warnings"])
    }

    @Test func shardsAreOrderedByNumberNotByText() {
        #expect(DatasetFiles.sorted(["part-10.jsonl", "part-2.jsonl", "part-1.jsonl"]) == ["part-1.jsonl", "part-2.jsonl", "part-10.jsonl"])
    }

    @Test func aGlobOrFolderWithoutDatasetsSaysSo() throws {
        #expect { try Dataset.open(path: Self.fixture("hf_shards") + "/nothing-*.parquet") } throws: { e in
            "\(e)".contains("the pattern matches no file")
        }
        #expect { try Dataset.open(path: Self.fixture("VG_100K")) } throws: { e in
            "\(e)".contains("is a folder holding no dataset files (.parquet, .jsonl")
        }
    }

    @Test(arguments: ["trl.jsonl.gz", "trl.jsonl.zst"])
    func compressedJSONLinesOpen(_ name: String) throws {
        let data = try Dataset.open(path: Self.fixture(name))
        #expect(data.layout == .trl)
        #expect(data.count == 4)
        let item = try #require(data.item(at: 3).item)
        #expect(item.id == "t3")
        #expect(item.question == "Question 3?")
        #expect(item.negatives.first?.rationale.steps == ["Wrong 3."])
        #expect(data.lineNumber(ofItem: 3) == 4)
        #expect(InputLayoutTests.validate(data.path).0 == ValidationRun.ok)
    }

    @Test func aCorruptGzipFileIsNamed() throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.fixture("trl.jsonl.gz"))))
        bytes[20] ^= 0xFF; bytes[21] ^= 0xFF
        let temp = try TempDataset(bytes: bytes, name: "bad.jsonl.gz")
        #expect { try temp.open() } throws: { e in "\(e)".hasPrefix("\(temp.path): cannot be read (gzip: ") }
    }

    @Test func mapTakesTheUsersColumnsAndNamesAMissingOne() throws {
        let path = Self.fixture("mapped.parquet")
        let map = try FieldMap(parsing: "id=uid, question=instruction, chosen=response_a, rejected=response_b, image=picture")
        let data = try Dataset.open(path: path, map: map)
        #expect(data.count == 4)
        let item = try #require(data.item(at: 3).item)
        #expect(item.id == "u3")
        #expect(item.question == "How many dots in 3?")
        #expect(item.chosen.steps == ["There are 3 dots."])
        #expect(item.negatives.first?.rationale.steps == ["There are 8 dots."])
        #expect(item.negatives.first?.operatorName == "unlabelled")
        guard case .inline = item.image else { Issue.record("the picture column is not the image"); return }
        #expect(data.allIDs() == ["u0", "u1", "u2", "u3"])
        // A null in a mapped column names the column and the map.
        #expect(data.item(at: 2).diagnostics.map(\.formatted)
                == ["\(path):3: u2: negatives[0].rationale: required field is missing: column 'response_b' is null or absent in this row (--map rejected=response_b)"])
        // A column the file does not have is refused at opening, by name.
        let wrong = try FieldMap(parsing: "question=instruction,chosen=answer_a")
        #expect { try Dataset.open(path: path, map: wrong) } throws: { e in
            "\(e)" == "\(path): cannot be read (--map chosen=answer_a: there is no column 'answer_a' (its columns: uid, instruction, response_a, response_b, picture))"
        }
    }

    @Test func mapFilesAndBadMaps() throws {
        let temp = try TempDataset(bytes: Array("# my columns\nquestion = instruction\nchosen=response_a # the good one\n".utf8), name: "map.txt")
        #expect(try FieldMap(parsing: temp.path).description == "question=instruction,chosen=response_a")
        #expect { try FieldMap(parsing: "question=a,question=b") } throws: { e in "\(e)" == "--map: 'question' is mapped twice" }
        #expect { try FieldMap(parsing: "qestion=a") } throws: { e in "\(e)".hasPrefix("--map: 'qestion' is not a field SceneLens reads") }
        #expect { try FieldMap(parsing: "question") } throws: { e in "\(e)".contains("no mapping file there") }
    }

    @Test func mapOnJSONLines() throws {
        let temp = try TempDataset(lines: [#"{"q": "Why?", "good": "Because.", "bad": "No.", "pic": "img.png", "meta": {"uid": 7}}"#],
                                   files: ["img.png": InputLayoutTests.png])
        let data = try Dataset.open(path: temp.path, map: try FieldMap(parsing: "id=meta.uid,question=q,chosen=good,rejected=bad,image=pic"))
        let item = try #require(data.item(at: 0).item)
        #expect(item.id == "7" && item.question == "Why?" && item.image == .path("img.png"))
        #expect(data.allIDs() == ["7"])
    }

    @Test func haDPOListsBecomeNegativesWithTheVisualGenomeImage() throws {
        let path = Self.fixture("ha_dpo_desc.json")
        let data = try Dataset.open(path: path)
        #expect(data.layout == .haDPO)
        let item = try #require(data.item(at: 0).item)
        #expect(item.id == "2377414")
        #expect(item.image == .path("VG_100K/2377414.jpg"))
        #expect(item.chosen.steps == ["A green field under a clear sky."])
        #expect(item.negatives.map(\.id) == ["rejected-1", "rejected-2"])
        #expect(item.negatives.map(\.rationale.steps) == [["A green field with two horses."], ["A snowy field at night."]])
        #expect(data.negativeTotal() == 2)
        #expect(InputLayoutTests.validate(path).1 == ["\(path): 1 item, 0 errors, 0 warnings"])
    }

    @Test func aBrokenColumnNoItemReadsDoesNotMatter() throws {
        let data = try Dataset.open(path: Self.fixture("broken_notes.parquet"))
        for i in 0..<data.count { #expect(data.item(at: i).diagnostics.isEmpty, "item \(i)") }
        #expect(data.item(at: 1).item?.question == "Question 1?")
    }

    @Test func idsComeFromTheIdColumnEvenWhenImagesAreBroken() throws {
        let path = Self.fixture("broken_image.parquet")
        let data = try Dataset.open(path: path)
        // Every id is known: only the idx column was read.
        #expect(data.allIDs() == ["0", "1", "2", "3", "4", "5"])
        #expect(data.itemIndex(forID: "4") == 4)
        let broken = data.item(at: 1)
        #expect(broken.item == nil)
        #expect(broken.diagnostics.first?.itemID == "1")
        #expect(broken.diagnostics.first?.formatted.hasPrefix("\(path):2: 1: cannot be read: column image.bytes, row group 0, page 0") == true)
        // The other row group opens.
        #expect(data.item(at: 4).item?.question == "Question 4?")
    }

    @Test func visualGenomeAttributesAndKeyedGQAAreSceneGraphs() throws {
        let vg = #"{"image_id": 1, "attributes": [{"object_id": 10, "names": ["tree"], "attributes": ["green", "tall"], "x": 1, "y": 2, "w": 30, "h": 40}, {"object_id": 11, "names": ["sky"], "x": 0, "y": 0, "w": 100, "h": 20}]}"#
        let gqa = #"{"2370799": {"width": 500, "height": 333, "objects": {"5": {"name": "cup", "x": 1, "y": 1, "w": 5, "h": 5, "attributes": ["white"], "relations": [{"name": "on", "object": "6"}]}, "6": {"name": "table", "x": 0, "y": 3, "w": 50, "h": 20, "attributes": [], "relations": []}}}}"#
        for (graph, expected) in [(vg, ["tree", "sky"]), (gqa, ["cup", "table"])] {
            let line = #"{"id": "g", "image": "img.png", "question": "Q?", "answer": "A", "chosen": "C.", "negatives": [{"id": "n", "operator": "swap", "rationale": "D."}], "scene_graph": "# + graph + "}"
            let temp = try TempDataset(lines: [line], files: ["img.png": InputLayoutTests.png])
            let parsed = try temp.open().item(at: 0)
            #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map(\.formatted))")
            let item = try #require(parsed.item)
            #expect(item.sceneGraph.entities.map(\.name) == expected)
            if graph == vg {
                #expect(item.sceneGraph.entities.first?.attributes == ["green", "tall"])
            } else {
                #expect(item.sceneGraph.relations.map { "\($0.subject) \($0.predicate) \($0.object)" } == ["5 on 6"])
                #expect(item.sceneGraph.width == 500)
            }
        }
    }
}
