import Foundation
import Imaging
import SceneData

/// Writes a dataset of any size (`scenelens sample`): a pool of scenes,
/// images and per-step maps that many items share, then one streamed line
/// per item whose graph matches its pooled image.
public struct DatasetWriter {
    /// What to write.
    public struct Options: Sendable {
        /// How many items (lines) to write.
        public var items: Int
        /// The seed: the same seed writes the same bytes.
        public var seed: UInt64
        /// Pool size; default min(items, 64).
        public var images: Int?
        /// File name of the dataset inside the folder.
        public var name: String
        /// Size of the pooled images in pixels.
        public var width = 320, height = 240
        /// Question variants per pooled scene.
        public var variants = 6
        /// Options with defaults for the rest.
        public init(items: Int, seed: UInt64 = 1, images: Int? = nil, name: String = "dataset.jsonl") {
            self.items = items; self.seed = seed; self.images = images; self.name = name
        }
    }

    /// One pooled scene with its question variants and their negatives' candidates.
    struct Slot {
        var scene: Scene
        var graph: SceneGraph
        var image: String
        var graphs: [GraphForm: [UInt8]]
        var variants: [Variant]
    }

    struct Variant {
        var plan: ItemPlan
        var chosen: (steps: [String], answer: String)
        var stepMaps: [String]
        var pools: [[Perturbation]]
        /// A few encoded focus maps with different noise, so items vary at no cost per item.
        var focus: [[UInt8]]
        var critical: [ElementRef]
        var evidence: String
    }

    /// What this writer writes.
    public let options: Options

    /// A writer for `options`.
    public init(options: Options) { self.options = options }

    /// Writes everything into `folder`; `progress(done, total)` is called now and then.
    public func write(to folder: String, progress: (Int, Int) -> Void = { _, _ in }) throws {
        let items = max(0, options.items)
        let poolSize = max(1, options.images ?? min(max(items, 1), 64))
        try OutputFile.makeDirectory(folder + "/images")
        try OutputFile.makeDirectory(folder + "/attn")
        var slots: [Slot] = []
        for s in 0..<poolSize {
            slots.append(try makeSlot(s, folder: folder))
        }
        let out = try OutputFile(folder + "/" + options.name)
        var w = JSONWriter(capacity: 1 << 21)
        let forms = GraphForm.allCases
        for i in 0..<items {
            var rng = SplitMix64(seed: options.seed, stream: UInt64(i) &+ 1)
            let slotIndex = rng.index(slots.count)
            let slot = slots[slotIndex]
            let variant = slot.variants[rng.index(slot.variants.count)]
            let form = forms[rng.index(forms.count)]
            let record = item(i, slot: slot, slotIndex: slotIndex, variant: variant, form: form, rng: &rng)
            ItemEncoder.write(record, to: &w)
            if w.bytes.count > 1 << 20 {
                try out.write(w.bytes)
                w.bytes.removeAll(keepingCapacity: true)
            }
            if (i + 1) % 10_000 == 0 { progress(i + 1, items) }
        }
        try out.write(w.bytes)
        try out.close()
        progress(items, items)
    }

    private func makeSlot(_ s: Int, folder: String) throws -> Slot {
        var rng = SplitMix64(seed: options.seed, stream: 0xA11CE_0000 &+ UInt64(s))
        let (scene, image) = SceneLayout.make(width: options.width, height: options.height,
                                              count: rng.int(in: 15...23), rng: &rng)
        let name = String(format: "pool_%04d", s)
        try OutputFile.write(PNGEncoder.encode(image, dropAlpha: true), to: "\(folder)/images/\(name).png")
        var graphs: [GraphForm: [UInt8]] = [:]
        for form in GraphForm.allCases {
            var w = JSONWriter()
            GraphEncoder.write(scene.graph, form: form, to: &w)
            graphs[form] = w.bytes
        }
        var variants: [Variant] = []
        for v in 0..<options.variants {
            guard let plan = PlanBuilder.make(scene, rng: &rng) else { continue }
            var maps: [String] = []
            for (k, step) in plan.steps.enumerated() {
                let grid = AttentionMaker.grid(rows: 16, cols: 16, width: scene.width, height: scene.height,
                                               boxes: ItemFactory.boxes(plan.entities(of: step), scene), rng: &rng)
                let path = "attn/\(name)_v\(v)_s\(k).npy"
                try OutputFile.write(NPYWriter.encode(grid, rows: 16, cols: 16), to: "\(folder)/\(path)")
                maps.append(path)
            }
            let pools = PerturbationOperator.allCases.map { op -> [Perturbation] in
                let all = Perturber.candidates(op, plan: plan, scene: scene, rng: &rng).filter { $0.rationale != plan.chosen.steps }
                let good = all.filter { NegativeSelector.overlapRange.contains($0.overlap) && ($0.answer != plan.answer || op == .overthink) }
                return good.isEmpty ? all.filter { NegativeSelector.overlapRange.contains($0.overlap) } : good
            }
            let focus = (0..<4).map { _ -> [UInt8] in
                let grid = AttentionMaker.grid(rows: 16, cols: 16, width: scene.width, height: scene.height,
                                               boxes: ItemFactory.boxes(plan.graph.nodes.map(\.id), scene), rng: &rng)
                var w = JSONWriter()
                ItemEncoder.attention(ItemRecord.Attention(label: "focus", rows: 16, cols: 16, values: grid), &w)
                return w.bytes
            }
            variants.append(Variant(plan: plan, chosen: plan.chosen, stepMaps: maps, pools: pools, focus: focus,
                                    critical: plan.graph.references, evidence: ItemFactory.evidence(plan, scene: scene)))
        }
        if variants.isEmpty { throw SampleError("scene \(s): no question fits (seed \(options.seed))") }
        return Slot(scene: scene, graph: scene.graph, image: "images/\(name).png", graphs: graphs, variants: variants)
    }

    private func item(_ i: Int, slot: Slot, slotIndex: Int, variant: Variant, form: GraphForm,
                      rng: inout SplitMix64) -> ItemRecord {
        let plan = variant.plan
        // Three negatives: different operators first, then more of the same if an item has few kinds.
        var picks: [Perturbation] = []
        let order = rng.shuffled(Array(variant.pools.indices))
        for _ in 0..<3 where picks.count < 3 {
            for o in order where picks.count < 3 {
                let fresh = variant.pools[o].filter { p in !picks.contains { $0.rationale == p.rationale } }
                if let p = rng.pick(fresh) { picks.append(p) }
            }
        }
        let boxes = form != .tripleNoBoxes
        let negatives = ItemFactory.negatives(picks, scene: slot.scene, boxes: boxes, rng: &rng)
        var focus = ItemRecord.Attention(label: "focus")
        focus.json = variant.focus[rng.index(variant.focus.count)]
        var attention = [focus]
        for (k, path) in variant.stepMaps.enumerated() {
            attention.append(ItemRecord.Attention(label: "step", rationale: "chosen", step: k, path: path))
        }
        let meta = ItemFactory.meta(plan: plan, seed: options.seed, scene: String(format: "pool_%04d", slotIndex),
                                    objects: slot.scene.objects.count,
                                    negatives: zip(negatives, picks).map { ($0.id, $1.overlap) })
        return ItemRecord(
            id: String(format: "clevr-%07d", i), image: .path(slot.image), question: plan.question, answer: variant.chosen.answer,
            form: form, sceneGraph: slot.graph, sceneGraphJSON: slot.graphs[form],
            critical: variant.critical, chosenSteps: variant.chosen.steps, chosenAnswer: variant.chosen.answer,
            negatives: negatives, attention: attention, evidence: variant.evidence, meta: meta)
    }
}
