@testable import SceneData
import Analysis

/// The dataset readers: `.npy` attention, JSON, a whole item line (read,
/// then linted and diffed as `lint` and the inspector do), and the three
/// scene-graph forms.
enum DataTargets {
    static func npy(_ bytes: [UInt8]) {
        for options in [NPYOptions(), NPYOptions(dtype: "bfloat16", index: 1)] {
            do {
                let grid = try NPYReader.read(bytes, file: "fuzz.npy", options: options)
                check(grid.rows > 0 && grid.cols > 0 && grid.values.count == grid.rows * grid.cols,
                      "grid \(grid.rows)x\(grid.cols) with \(grid.values.count) values")
                check(grid.values.allSatisfy(\.isFinite), "a non-finite value passed the reader")
            } catch let e as NPYError {
                check(isOneLine(e.description), "a .npy error of more than one line: \(e.description.debugDescription)")
            } catch {
                check(false, "an error that is not an NPYError: \(error)")
            }
        }
    }

    static func json(_ bytes: [UInt8]) {
        let parsed = try? JSONParser.parse(bytes)
        let valid = (try? JSONParser.validate(bytes[...])) != nil
        check(valid == (parsed != nil), "validate says \(valid), parse \(parsed != nil)")
        _ = try? JSONParser.arrayCount(ofFirstMemberNamed: ["negatives", "objects"], in: bytes[...])
        guard let parsed else { return }
        // What the writer makes of a value must read back, and write the same again.
        let text = parsed.jsonText
        guard let again = try? JSONParser.parse(Array(text.utf8)) else {
            check(false, "the writer's output does not parse: \(text.prefix(200).debugDescription)")
            return
        }
        check(again.jsonText == text, "writing is not stable: \(text.prefix(200).debugDescription)")
    }

    static let linter = Linter()

    static func item(_ bytes: [UInt8]) {
        let (item, diagnostics) = ItemReader(file: "fuzz.jsonl", line: 7, dataset: nil).read(bytes)
        for d in diagnostics {
            check(isOneLine(d.formatted), "a diagnostic of more than one line: \(d.formatted.debugDescription)")
        }
        guard let item else { return }
        checkBoxes(item.sceneGraph)
        for n in item.negatives { if let g = n.sceneGraph { checkBoxes(g) } }
        let size = item.sceneGraph.width.flatMap { w in item.sceneGraph.height.map { (w, $0) } }
        for f in linter.lint(item, imageSize: size) {
            let line = LintRun.textLine(f, file: "fuzz.jsonl")
            check(isOneLine(line), "a lint line of more than one line: \(line.debugDescription)")
            _ = LintRun.jsonLine(f, file: "fuzz.jsonl", operator: nil)
        }
        for n in item.negatives {
            let diff = GraphDiff.of(n, in: item)
            _ = diff.summaries
            _ = RationaleDiff.compare(chosen: item.chosen, negative: n.rationale)
        }
    }

    static func sceneGraph(_ bytes: [UInt8]) {
        guard let value = try? JSONParser.parse(bytes) else { return }
        var reader = ItemReader(file: "fuzz.jsonl", line: 1, dataset: nil)
        guard let (graph, known) = reader.readSceneGraph(value, field: "scene_graph") else { return }
        checkBoxes(graph)
        for d in reader.diagnostics {
            check(isOneLine(d.formatted), "a diagnostic of more than one line: \(d.formatted.debugDescription)")
        }
        for e in graph.entities {
            check(graph.hasEntity(e.id) && known.contains(e.id), "entity '\(e.id)' not found by its id")
            _ = graph.name(of: e.id)
        }
        for r in graph.relations { _ = graph.entity(r.subject); _ = graph.entity(r.object) }
        _ = graph.attributePairs
    }

    /// The promise of `BoundingBox.maxCoordinate`: what the readers let through
    /// converts to `Int` without a trap.
    static func checkBoxes(_ graph: SceneGraph) {
        let limit = BoundingBox.maxCoordinate
        for e in graph.entities {
            guard let b = e.box else { continue }
            for (name, v) in [("x", b.x), ("y", b.y), ("w", b.w), ("h", b.h)] {
                check(v.isFinite && abs(v) <= limit, "entity '\(e.id)' box \(name) = \(v) passed the reader")
            }
        }
    }
}
