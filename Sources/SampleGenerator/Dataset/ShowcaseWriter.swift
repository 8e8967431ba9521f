import Foundation
import Imaging
import SceneData

/// Writes `Samples/`: a dozen and a half hand-picked items, each showing a
/// corner of FORMAT.md, plus `broken.jsonl` with one fault per line.
public struct ShowcaseWriter {
    /// How many lines each file got.
    public struct Counts: Sendable { public var items: Int; public var broken: Int }

    /// The seed every scene and choice is derived from.
    public let seed: UInt64
    /// A writer whose output is fixed by `seed`.
    public init(seed: UInt64 = 1) { self.seed = seed }

    /// One showcase item, made but not yet written.
    struct Made {
        var record: ItemRecord
        var scene: Scene
        var plan: ItemPlan
    }

    /// Writes `scenes.jsonl`, `broken.jsonl`, `images/` and `attn/` into `folder`.
    public func write(to folder: String) throws -> Counts {
        try OutputFile.makeDirectory(folder + "/images")
        try OutputFile.makeDirectory(folder + "/attn")
        var w = JSONWriter()
        var made: [Made] = []
        for (i, spec) in ShowcaseSpec.all.enumerated() {
            let m = try item(i, spec, folder: folder)
            ItemEncoder.write(m.record, to: &w)
            made.append(m)
        }
        try OutputFile.write(w.bytes, to: folder + "/scenes.jsonl")
        let broken = try BrokenWriter(seed: seed).write(to: folder, base: made[1].record)
        return Counts(items: made.count, broken: broken)
    }

    private func item(_ i: Int, _ spec: ShowcaseSpec, folder: String) throws -> Made {
        var rng = SplitMix64(seed: seed, stream: 0x5A_0000 &+ UInt64(i))
        let id = String(format: "clevr-show-%02d", i + 1)
        let (w, h) = spec.image == .base64 ? (160, 120) : (320, 240)
        for attempt in 0..<200 {
            let (scene, image) = SceneLayout.make(width: w, height: h, count: rng.int(in: spec.objects), rng: &rng)
            guard let plan = PlanBuilder.make(scene, family: spec.family, language: spec.language, rng: &rng) else { continue }
            guard (2...4).contains(plan.steps.count) else { continue }
            let picks = NegativeSelector.choose(plan, scene: scene, count: spec.operators.count, order: spec.operators, rng: &rng)
            guard picks.map(\.op) == spec.operators else { continue }
            // A newcomer's first look: prefer negatives whose answer really changes
            // (overthinking may keep it), settling for less only after many scenes.
            if attempt < 150, picks.contains(where: { $0.op != .overthink && $0.answer == plan.answer }) { continue }
            var outlier: Perturbation?
            if spec.planted == .overlapOutOfRange {
                let all = PerturbationOperator.allCases.flatMap { Perturber.candidates($0, plan: plan, scene: scene, rng: &rng) }
                outlier = all.first { !NegativeSelector.overlapRange.contains($0.overlap) && $0.rationale != plan.chosen.steps }
                if outlier == nil { continue }
            }
            return try assemble(id, spec, scene, image, plan, picks, outlier, folder: folder, rng: &rng)
        }
        throw SampleError("\(id): no scene fits this showcase item (seed \(seed)); try another seed")
    }

    private func assemble(_ id: String, _ spec: ShowcaseSpec, _ scene: Scene, _ image: RGBAImage, _ plan: ItemPlan,
                          _ picks: [Perturbation], _ outlier: Perturbation?, folder: String,
                          rng: inout SplitMix64) throws -> Made {
        let imageField: ItemRecord.Image
        switch spec.image {
        case .png:
            try OutputFile.write(PNGEncoder.encode(image, dropAlpha: true), to: "\(folder)/images/\(id).png")
            imageField = .path("images/\(id).png")
        case .ppm:
            try OutputFile.write(PNMWriter.ppm(image), to: "\(folder)/images/\(id).ppm")
            imageField = .path("images/\(id).ppm")
        case .base64:
            imageField = .base64(Data(PNGEncoder.encode(image, dropAlpha: true)).base64EncodedString())
        }
        var all = picks
        if let outlier { all.append(outlier) }
        var negatives = ItemFactory.negatives(all, scene: scene, boxes: spec.form != .tripleNoBoxes, rng: &rng)
        for (k, name) in spec.synonyms where k < negatives.count { negatives[k].operatorName = name }
        for k in spec.plainStrings where k < negatives.count { negatives[k].plainString = true }
        let chosen = plan.chosen
        var extra: [(String, JSONValue)] = [("shows", .string(spec.shows))]
        var evidence = spec.evidence ? ItemFactory.evidence(plan, scene: scene) : nil
        switch spec.planted {
        case .identical?:
            negatives[1].steps = chosen.steps; negatives[1].answer = chosen.answer
            negatives[1].scores = (0.88, 0.87, 0.21)
            extra += [("planted", .string("identical")), ("planted_negative", .string("n2"))]
        case .sameAnswer?:
            negatives[0].steps[negatives[0].steps.count - 1] = chosen.steps[chosen.steps.count - 1]
            negatives[0].answer = chosen.answer
            extra += [("planted", .string("same_answer")), ("planted_negative", .string("n1"))]
        case .evidenceLeak?:
            evidence = (evidence ?? "") + " It is \(chosen.answer)."
            extra.append(("planted", .string("evidence_leak")))
        case .overlapOutOfRange?:
            extra += [("planted", .string("j_out_of_range")), ("planted_negative", .string(negatives[negatives.count - 1].id))]
        case nil: break
        }
        if spec.emoji, let e = evidence { evidence = e + " 👀" }
        let record = ItemRecord(
            id: id, image: imageField, question: plan.question, answer: chosen.answer, form: spec.form,
            sceneGraph: scene.graph, critical: spec.critical ? plan.graph.references : nil,
            chosenSteps: chosen.steps, chosenAnswer: chosen.answer, negativesKey: spec.rejectedKey ? "rejected" : "negatives",
            negatives: negatives, attention: try attention(id, spec, scene, plan, folder: folder, rng: &rng),
            evidence: evidence,
            meta: ItemFactory.meta(plan: plan, seed: seed, scene: id, objects: scene.objects.count,
                                   negatives: zip(negatives, all).map { ($0.id, $1.overlap) }, extra: extra))
        return Made(record: record, scene: scene, plan: plan)
    }

    private func attention(_ id: String, _ spec: ShowcaseSpec, _ scene: Scene, _ plan: ItemPlan, folder: String,
                           rng: inout SplitMix64) throws -> [ItemRecord.Attention] {
        let n = spec.focusSize
        let focus = AttentionMaker.grid(rows: n, cols: n, width: scene.width, height: scene.height,
                                        boxes: ItemFactory.boxes(plan.graph.nodes.map(\.id), scene), rng: &rng)
        var maps = [ItemRecord.Attention(label: "focus", rows: n, cols: n, values: focus, nested: spec.nestedFocus)]
        guard spec.stepMaps != .none else { return maps }
        for (k, step) in plan.steps.enumerated() {
            let grid = AttentionMaker.grid(rows: 16, cols: 16, width: scene.width, height: scene.height,
                                           boxes: ItemFactory.boxes(plan.entities(of: step), scene), rng: &rng)
            let path = "attn/\(id)_c\(k).npy"
            let dtype: NPYWriter.DType = spec.stepMaps == .float16 ? .float16 : .float32
            try OutputFile.write(NPYWriter.encode(grid, rows: 16, cols: 16, dtype: dtype), to: "\(folder)/\(path)")
            maps.append(ItemRecord.Attention(label: "step", rationale: "chosen", step: k, path: path))
        }
        return maps
    }
}
