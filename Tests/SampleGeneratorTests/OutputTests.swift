import Foundation
import Testing
@testable import SampleGenerator

@Suite struct OutputTests {
    @Test func sampleWritesOneParsableLinePerItem() throws {
        let dir = try temporaryFolder()
        defer { removeFolder(dir) }
        try DatasetWriter(options: .init(items: 50, seed: 4)).write(to: dir)
        let items = try jsonLines(dir + "/dataset.jsonl")
        #expect(items.count == 50)
        #expect(Set(items.compactMap { $0["id"] as? String }).count == 50)
        var graphsByImage: [String: Set<String>] = [:]
        for item in items {
            let image = try #require(item["image"] as? String)
            #expect(FileManager.default.fileExists(atPath: dir + "/" + image))
            let negatives = try #require(item["negatives"] as? [[String: Any]])
            #expect(negatives.count == 3)
            for n in negatives { #expect(n["scene_graph"] != nil && n["edits"] != nil && n["scores"] != nil) }
            let attention = try #require(item["attention"] as? [[String: Any]])
            #expect(attention.count >= 3)
            let focus = try #require(attention.first?["values"] as? [Double])
            #expect(focus.count == 256)
            for a in attention.dropFirst() {
                let path = try #require(a["path"] as? String)
                #expect(FileManager.default.fileExists(atPath: dir + "/" + path))
            }
            let count = try objectCount(item["scene_graph"])
            #expect((15...25).contains(count))
            // Items sharing a pooled image share one scene: its object count and boxes.
            let b = try boxes(item["scene_graph"])
            if !b.isEmpty { graphsByImage[image, default: []].insert(b.description) }
        }
        for (image, graphs) in graphsByImage { #expect(graphs.count == 1, "\(image) has \(graphs.count) different scenes") }
    }

    @Test func showcaseParsesAndCoversTheFormat() throws {
        let dir = try temporaryFolder()
        defer { removeFolder(dir) }
        let counts = try ShowcaseWriter(seed: 1).write(to: dir)
        let items = try jsonLines(dir + "/scenes.jsonl")
        #expect(items.count == counts.items && (12...16).contains(items.count))
        let ops = Set(items.flatMap { ($0["negatives"] ?? $0["rejected"]) as? [[String: Any]] ?? [] }.compactMap { $0["operator"] as? String })
        for op in ["swap", "replace", "shorten", "overthink", "hallucinated_entity", "misgrounded_relation"] { #expect(ops.contains(op)) }
        let images = items.compactMap { $0["image"] as? String }
        #expect(images.filter { $0.hasSuffix(".ppm") }.count >= 2)
        #expect(items.contains { $0["image"] is [String: Any] })
        #expect(items.contains { $0["critical"] == nil })
        #expect(items.contains { $0["rejected"] != nil })
        let text = try String(contentsOfFile: dir + "/scenes.jsonl", encoding: .utf8)
        for needle in ["é", "颜色", "👀", "\"subject_id\"", "\"subject\":{", "\"relations\":[{\"name\""] { #expect(text.contains(needle)) }
        // Broken: the first line does not parse, every other line does and names its fault.
        let lines = try String(contentsOfFile: dir + "/broken.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == counts.broken)
        #expect((try? JSONSerialization.jsonObject(with: Data(lines[0].utf8))) == nil)
        for line in lines.dropFirst() {
            let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect((obj?["meta"] as? [String: Any])?["fault"] is String)
        }
    }

    @Test func showcaseNegativesKeepTheOverlapInRangeUnlessPlanted() throws {
        let dir = try temporaryFolder()
        defer { removeFolder(dir) }
        _ = try ShowcaseWriter(seed: 1).write(to: dir)
        var checked = 0
        for item in try jsonLines(dir + "/scenes.jsonl") {
            guard let critical = item["critical"] as? [Any] else { continue }
            let meta = item["meta"] as? [String: Any] ?? [:]
            let planted = meta["planted"] as? String == "j_out_of_range" ? meta["planted_negative"] as? String : nil
            let base = units(critical: critical)
            for n in (item["negatives"] ?? item["rejected"]) as? [[String: Any]] ?? [] {
                let j = jaccard(base, try units(graph: n["scene_graph"]))
                if n["id"] as? String == planted {
                    #expect(!(0.3...0.7).contains(j))
                } else {
                    #expect((0.3...0.7).contains(j), "\(item["id"] ?? "") \(n["id"] ?? ""): J = \(j)")
                }
                checked += 1
            }
        }
        #expect(checked > 25)
    }
}

/// U(SG^c) from `critical` references: attribute pairs and relation (subject, object) pairs.
func units(critical: [Any]) -> Set<String> {
    var u = Set<String>()
    for r in critical {
        guard let a = r as? [String] else { continue }
        if a.count == 2 { u.insert("a:\(a[0])=\(a[1])") }
        if a.count == 3 { u.insert("p:\(a[0])>\(a[2])") }
    }
    return u
}

/// U(SG) of a triple, GQA or Visual Genome graph read with JSONSerialization.
func units(graph: Any?) throws -> Set<String> {
    let g = try #require(graph as? [String: Any])
    var u = Set<String>()
    func id(_ v: Any?) -> String { (v as? String) ?? (v as? NSNumber)?.stringValue ?? "?" }
    if let ents = g["entities"] as? [[String: Any]] {
        _ = ents
        for a in g["attributes"] as? [[String]] ?? [] { u.insert("a:\(a[0])=\(a[1])") }
        for r in g["relations"] as? [[String]] ?? [] { u.insert("p:\(r[0])>\(r[2])") }
    } else if let objs = g["objects"] as? [String: [String: Any]] {
        for (k, o) in objs {
            for a in o["attributes"] as? [String] ?? [] { u.insert("a:\(k)=\(a)") }
            for r in o["relations"] as? [[String: Any]] ?? [] { u.insert("p:\(k)>\(id(r["object"]))") }
        }
    } else if let objs = g["objects"] as? [[String: Any]] {
        for o in objs { for a in o["attributes"] as? [String] ?? [] { u.insert("a:\(id(o["object_id"]))=\(a)") } }
        for r in g["relationships"] as? [[String: Any]] ?? [] {
            let s = r["subject_id"] ?? (r["subject"] as? [String: Any])?["object_id"]
            let o = r["object_id"] ?? (r["object"] as? [String: Any])?["object_id"]
            u.insert("p:\(id(s))>\(id(o))")
        }
    }
    return u
}

func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
    let union = a.union(b).count
    return union == 0 ? 1 : Double(a.intersection(b).count) / Double(union)
}

/// How many objects a graph in any form has.
func objectCount(_ graph: Any?) throws -> Int {
    let g = try #require(graph as? [String: Any])
    if let e = g["entities"] as? [Any] { return e.count }
    if let o = g["objects"] as? [String: Any] { return o.count }
    if let o = g["objects"] as? [Any] { return o.count }
    return 0
}

/// The sorted list of boxes in a graph of any form (empty for boxless graphs).
func boxes(_ graph: Any?) throws -> [[Int]] {
    let g = try #require(graph as? [String: Any])
    var out: [[Int]] = []
    func xywh(_ o: [String: Any]) -> [Int]? {
        guard let x = o["x"] as? Int, let y = o["y"] as? Int, let w = o["w"] as? Int, let h = o["h"] as? Int else { return nil }
        return [x, y, w, h]
    }
    if let e = g["entities"] as? [[String: Any]] { out = e.compactMap { $0["box"] as? [Int] } }
    if let o = g["objects"] as? [String: [String: Any]] { out = o.values.compactMap(xywh) }
    if let o = g["objects"] as? [[String: Any]] { out = o.compactMap(xywh) }
    return out.sorted { $0.lexicographicallyPrecedes($1) }
}

@Suite struct OutputFolderTests {
    @Test func aFileInTheWayIsNamed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sl-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("taken").path
        _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        do {
            try OutputFile.makeDirectory(file + "/images")
            Issue.record("a folder was made under a file")
        } catch let e as SampleError {
            #expect("\(e)".contains("\(file) is a file"))
        }
        try OutputFile.makeDirectory(dir.appendingPathComponent("a/b").path)
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("a/b").path, isDirectory: &isFolder) && isFolder.boolValue)
    }
}
