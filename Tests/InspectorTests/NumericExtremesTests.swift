import CLITestSupport
import Foundation
import Imaging
import Inspector
import SceneData
import Testing

/// Issue 14: items with huge, negative, infinite, -0, denormal, 2^53+1,
/// 1e19 and 1e400 values (and Python's `NaN`) in every numeric field of the
/// format, one field at a time and several at once (seeded), go through
/// `render`, `lint` and the inspector's update/view. Nothing may crash, and a
/// value a field cannot take is reported naming the item and the field.
@Suite struct NumericExtremesTests {
    /// What values a field may take, so the test knows which ones need a message.
    enum Kind {
        /// `scene_graph.width`/`height`: a positive whole number below 1e9.
        case imageSide
        /// A box coordinate or size: finite, within ±`BoundingBox.maxCoordinate`.
        case coordinate
        /// A score: finite.
        case score
        /// `confidence`: finite and in [0, 1].
        case confidence
        /// Attention `rows`/`cols`: a whole number in 1...65536.
        case gridSide
        /// An attention value: finite as a 32-bit float.
        case attentionValue
        /// Attention `step` and `.npy` `index`: a whole number in [0, 1e6).
        case position
        /// A numeric id (Visual Genome): finite and below 2^53, where JSON
        /// numbers stop being exact (2^53+1 would silently become another id).
        case numericID

        func accepts(_ v: Double) -> Bool {
            switch self {
            case .imageSide: return v > 0 && v == v.rounded() && v < 1e9
            case .coordinate: return v.isFinite && abs(v) <= BoundingBox.maxCoordinate
            case .score: return v.isFinite
            case .confidence: return v.isFinite && (0...1).contains(v)
            case .gridSide: return v >= 1 && v == v.rounded() && v <= 65536
            case .attentionValue: return Float(v).isFinite
            case .position: return v >= 0 && v == v.rounded() && v < 1e6
            case .numericID: return v.isFinite && abs(v) < 9_007_199_254_740_992
            }
        }
    }

    /// A numeric field of the template: its slot, the field path a message
    /// must name, its kind and its ordinary value.
    struct Field {
        var slot: String
        var path: String
        var kind: Kind
        var normal: String
    }

    static let fields: [Field] = [
        Field(slot: "sgW", path: "scene_graph.width", kind: .imageSide, normal: "320"),
        Field(slot: "sgH", path: "scene_graph.height", kind: .imageSide, normal: "240"),
        Field(slot: "oX", path: "scene_graph.objects.1", kind: .coordinate, normal: "10"),
        Field(slot: "oY", path: "scene_graph.objects.1", kind: .coordinate, normal: "20"),
        Field(slot: "oW", path: "scene_graph.objects.1", kind: .coordinate, normal: "30"),
        Field(slot: "oH", path: "scene_graph.objects.1", kind: .coordinate, normal: "40"),
        Field(slot: "tX", path: "negatives[0].scene_graph.entities[0]", kind: .coordinate, normal: "5"),
        Field(slot: "tW", path: "negatives[0].scene_graph.entities[0]", kind: .coordinate, normal: "50"),
        Field(slot: "tSgW", path: "negatives[0].scene_graph.width", kind: .imageSide, normal: "320"),
        Field(slot: "vgID", path: "negatives[1].scene_graph.objects[0].object_id", kind: .numericID, normal: "1058549"),
        Field(slot: "vgSub", path: "negatives[1].scene_graph.relationships[0]", kind: .numericID, normal: "1058549"),
        Field(slot: "vgY", path: "negatives[1].scene_graph.objects[0]", kind: .coordinate, normal: "7"),
        Field(slot: "vgH", path: "negatives[1].scene_graph.objects[0]", kind: .coordinate, normal: "9"),
        Field(slot: "sChosen", path: "negatives[0].scores.chosen", kind: .score, normal: "0.9"),
        Field(slot: "sRejected", path: "negatives[0].scores.rejected", kind: .score, normal: "0.2"),
        Field(slot: "sConf", path: "negatives[0].scores.confidence", kind: .confidence, normal: "0.8"),
        Field(slot: "sJudge", path: "negatives[0].scores.judge", kind: .score, normal: "3"),
        Field(slot: "iConf", path: "scores.confidence", kind: .confidence, normal: "0.5"),
        Field(slot: "aRows", path: "attention[0].rows", kind: .gridSide, normal: "2"),
        Field(slot: "aCols", path: "attention[0].cols", kind: .gridSide, normal: "2"),
        Field(slot: "aVal", path: "attention[0].values[1]", kind: .attentionValue, normal: "0.25"),
        Field(slot: "aStep", path: "attention[0].step", kind: .position, normal: "0"),
        Field(slot: "aIndex", path: "attention[1].index", kind: .position, normal: "0"),
    ]

    /// The values tried in every field, as written in the file.
    static let extremes: [String] = [
        "1e300", "1.7976931348623157e308", "-1", "-1e19", "1e19", "1e400", "-1e400", "-0", "-0.0",
        "4.9e-324", "2.2250738585072014e-309", "9007199254740993", "9223372036854775808", "0.5", "0", "NaN",
    ]

    /// One item: GQA graph, a triple SG- and a Visual Genome SG-, scores,
    /// an inline attention grid and one from a `.npy` file; every numeric
    /// field is a slot.
    static func line(id: String, _ value: [String: String]) -> String {
        func v(_ slot: String) -> String { value[slot] ?? fields.first { $0.slot == slot }!.normal }
        return """
        {"id":"\(id)","image":"img.png","question":"Is the red cube left of the ball?","answer":"yes",\
        "scene_graph":{"width":\(v("sgW")),"height":\(v("sgH")),"objects":{\
        "1":{"name":"cube","x":\(v("oX")),"y":\(v("oY")),"w":\(v("oW")),"h":\(v("oH")),"attributes":["red"],"relations":[{"name":"left of","object":"2"}]},\
        "2":{"name":"ball","x":100,"y":50,"w":20,"h":20,"attributes":["blue"],"relations":[]}}},\
        "critical":["1",["1","left of","2"]],\
        "chosen":{"steps":["The red cube is left of the ball.","So yes."],"answer":"yes"},\
        "negatives":[\
        {"id":"n1","operator":"swap","edits":[{"op":"swap","relation":["1","left of","2"]}],\
        "scene_graph":{"width":\(v("tSgW")),"height":240,"entities":[{"id":"1","name":"cube","box":[\(v("tX")),5,\(v("tW")),50]},{"id":"2","name":"ball"}],"relations":[["2","left of","1"]]},\
        "rationale":{"steps":["The ball is left of the red cube.","So no."],"answer":"no"},\
        "scores":{"chosen":\(v("sChosen")),"rejected":\(v("sRejected")),"confidence":\(v("sConf")),"judge":\(v("sJudge"))}},\
        {"id":"n2","operator":"shorten",\
        "scene_graph":{"objects":[{"object_id":\(v("vgID")),"names":["cube"],"x":1,"y":\(v("vgY")),"w":3,"h":\(v("vgH"))},{"object_id":2,"name":"ball"}],\
        "relationships":[{"subject_id":\(v("vgSub")),"predicate":"left of","object_id":2}]},\
        "rationale":"The cube is somewhere. So yes."}],\
        "attention":[{"label":"focus","rows":\(v("aRows")),"cols":\(v("aCols")),"values":[0.5,\(v("aVal")),0.125,0.125],"step":\(v("aStep"))},\
        {"label":"step","rationale":"chosen","step":1,"path":"heads.npy","index":\(v("aIndex"))}],\
        "scores":{"confidence":\(v("iConf"))},"evidence":"A red cube and a blue ball."}
        """
    }

    /// A generated item: its line (1-based), id, and the slots set to extremes.
    struct Case {
        var line: Int
        var id: String
        var values: [String: String]
    }

    /// Every field with every extreme, then `mixed` seeded items with several at once.
    static func cases(seed: UInt64 = 14, mixed: Int = 40) -> [Case] {
        var out: [Case] = [Case(line: 1, id: "plain", values: [:])]
        for f in fields {
            for (k, x) in extremes.enumerated() {
                out.append(Case(line: out.count + 1, id: "\(f.slot)-\(k)", values: [f.slot: x]))
            }
        }
        var rng = SplitMix64(seed: seed)
        for m in 0..<mixed {
            var values: [String: String] = [:]
            for _ in 0..<rng.int(in: 2...8) {
                // NaN makes the whole line unreadable; mixed items keep to numbers that parse.
                values[fields[rng.index(fields.count)].slot] = extremes[rng.index(extremes.count - 1)]
            }
            out.append(Case(line: out.count + 1, id: "mixed-\(m)", values: values))
        }
        return out
    }

    /// A dataset folder holding the generated items, a 320x240 image and a
    /// 2-head `.npy` attention stack.
    static func dataset(_ cases: [Case]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scenelens-extremes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let text = cases.map { line(id: $0.id, $0.values) }.joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: dir.appendingPathComponent("extremes.jsonl"))
        var img = RGBAImage(width: 320, height: 240)
        for y in 0..<240 { for x in 0..<320 { img[x, y] = RGBA(UInt8(x % 256), UInt8(y), 90) } }
        try Data(PNGEncoder.encode(img)).write(to: dir.appendingPathComponent("img.png"))
        try Data(npy(shape: [2, 4, 4])).write(to: dir.appendingPathComponent("heads.npy"))
        return dir.appendingPathComponent("extremes.jsonl").path
    }

    /// A little-endian float32 `.npy` file of `shape`, values 0, 1, 2...
    static func npy(shape: [Int]) -> [UInt8] {
        let count = shape.reduce(1, *)
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(shape.map(String.init).joined(separator: ", ")),), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var out: [UInt8] = NPYReader.magic + [1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)]
        out += Array(header.utf8)
        for k in 0..<count { withUnsafeBytes(of: Float(k).bitPattern.littleEndian) { out += $0 } }
        return out
    }

    /// The fields of a case whose value the field cannot take.
    /// (A Visual Genome object whose id is refused is dropped whole, so its
    /// box is never read: only the id is reported then.)
    static func refused(_ c: Case) -> [(Field, String)] {
        let all: [(Field, String)] = fields.compactMap { f in
            guard let text = c.values[f.slot], text != "NaN", let v = Double(text) else { return nil }
            return f.kind.accepts(v) ? nil : (f, text)
        }
        let objectDropped = all.contains { $0.0.slot == "vgID" }
        return all.filter { !(objectDropped && ($0.0.slot == "vgY" || $0.0.slot == "vgH")) }
    }

    @Test func everyRefusedValueIsNamedByItemAndField() throws {
        let cases = Self.cases()
        let path = try Self.dataset(cases)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let dataset = try Dataset.open(path: path)
        dataset.indexAll()
        #expect(dataset.count == cases.count)
        for (i, c) in cases.enumerated() {
            let parsed = dataset.item(at: i)
            if c.values.values.contains("NaN") {
                // Python's json writes NaN, which JSON does not have: the line is reported, not guessed at.
                #expect(parsed.item == nil)
                #expect(parsed.diagnostics.contains { $0.line == c.line && $0.message.contains("JSON syntax error") },
                        "line \(c.line): \(parsed.diagnostics.map(\.formatted))")
                continue
            }
            #expect(parsed.item?.id == c.id, "line \(c.line) was not read as item \(c.id): \(parsed.diagnostics.map(\.formatted))")
            for (f, text) in Self.refused(c) {
                let named = parsed.diagnostics.contains { d in
                    d.itemID == c.id && d.line == c.line && (d.field ?? "").hasPrefix(f.path)
                }
                #expect(named, "\(c.id): \(f.path) = \(text) has no message naming item and field; got \(parsed.diagnostics.map(\.formatted))")
            }
            if c.values.isEmpty {
                #expect(parsed.diagnostics.filter { $0.severity == .error }.isEmpty, "\(parsed.diagnostics.map(\.formatted))")
            }
        }
    }

    @Test func theInspectorDrawsEveryItemAndKeysMoveThroughIt() throws {
        let cases = Self.cases()
        let path = try Self.dataset(cases)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let dataset = try Dataset.open(path: path)
        dataset.indexAll()
        let source = DatasetSource(dataset)
        let runner = EffectRunner(services: .standard(source: source, store: nil))
        let keys = try Headless.parseKeys("]<Tab>jj<Tab>mhbz<Tab>4j[")
        for (size, ascii) in [((160, 48), false), ((80, 24), true)] {
            var s = AppState(width: size.0, height: size.1, datasetName: "extremes.jsonl", annotator: "t",
                             asciiOnly: ascii, imageMode: ascii ? .ascii : .truecolor)
            s.nav.itemCount = source.count; s.nav.fullyIndexed = true; s.nav.indexFraction = 1
            Headless.settle(&s, InspectorApp.start(&s, at: 0), runner: runner)
            for (i, c) in cases.enumerated() {
                #expect(s.nav.index == i)
                let before = InspectorApp.view(s).plainText
                #expect(before.contains(c.values.values.contains("NaN") ? "line \(c.line)" : c.id),
                        "item \(i) (\(c.id)) is not on screen:\n\(before)")
                Headless.press(&s, keys, runner: runner)
                _ = InspectorApp.view(s)
                Headless.press(&s, [.escape, .char("n")], runner: runner)
            }
        }
    }

    @Test func lintReadsEveryItemAndNamesTheRefusedOnes() throws {
        let cases = Self.cases()
        let path = try Self.dataset(cases)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let run = try ScenelensCLI.run(["lint", path], timeout: 900)
        // 0 or 1 (findings): never a signal, never "could not run".
        #expect(run.status == 0 || run.status == 1, "lint exited \(run.status): \(run.stderr.suffix(2000))")
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Crash"))
        let dataset = try Dataset.open(path: path)
        dataset.indexAll()
        for i in 0..<cases.count {
            // Every error the reader finds is printed, as FILE:LINE: ITEM: FIELD: message.
            for d in dataset.item(at: i).diagnostics where d.severity == .error {
                #expect(run.stderr.contains(d.formatted), "lint does not print: \(d.formatted)")
            }
        }
        #expect(run.stdout.contains("\(cases.count) items") || run.stderr.contains("\(cases.count) items"),
                "lint's table does not count \(cases.count) items:\n\(run.stdout.suffix(1500))")
    }

    @Test func renderDrawsEveryItem() throws {
        let cases = Self.cases()
        let path = try Self.dataset(cases)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        // A process per item is slow, and the in-process test above draws
        // every item the way `render` does; here, through the real command:
        // each field at 1e400 (the audit's crash) and at one more extreme
        // (every extreme is used), the NaN line and a few mixed items.
        var picked: [Int] = [0]
        for (f, field) in Self.fields.enumerated() {
            for x in ["1e400", Self.extremes[(f * 7) % (Self.extremes.count - 1)]] {
                if let i = cases.firstIndex(where: { $0.values == [field.slot: x] }) { picked.append(i) }
            }
        }
        picked.append(cases.firstIndex { $0.values.values.contains("NaN") } ?? 0)
        picked += cases.indices.filter { cases[$0].id.hasPrefix("mixed-") }.prefix(3)
        #expect(picked.count >= 2 * Self.fields.count)
        // Keys that walk the panes on each.
        for i in picked {
            let c = cases[i]
            let run = try ScenelensCLI.run(["render", path, "--item", "\(i)", "--size", i % 2 == 0 ? "160x48" : "70x20",
                                            "--keys", "]<Tab>j<Tab>hb"], timeout: 120)
            #expect(run.status == 0, "render --item \(i) (\(c.id)) exited \(run.status): \(run.stderr.suffix(1500))")
            // The header names the item (its id may be cut short at 70 columns).
            #expect(run.stdout.contains("item \(i + 1) of \(cases.count)"), "render --item \(i) does not show \(c.id):\n\(run.stdout)")
        }
    }
}
