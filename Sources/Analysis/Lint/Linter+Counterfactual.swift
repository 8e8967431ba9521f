import SceneData

extension Linter {
    /// `attention-unmoved`: each map over a counterfactual image compared with
    /// the item's map for the same label, rationale and step (or the item's
    /// only map). Faithful-MR1's test: a model that uses the visual evidence
    /// looks elsewhere once the evidence is masked or blurred away.
    func counterfactualAttention(_ item: Item, imageSize: (Int, Int)?) -> [LintFinding] {
        guard config.runs(Lint.attentionUnmoved.name), !item.counterfactuals.isEmpty, !item.attention.isEmpty else { return [] }
        let size: (Int, Int)? = imageSize ?? item.sceneGraph.width.flatMap { w in item.sceneGraph.height.map { (w, $0) } }
        guard let (width, height) = size else { return [] }
        let critical = AttentionMass.boxes(of: CriticalElements.resolved(for: item), in: item.sceneGraph)
        var out: [LintFinding] = []
        for (k, cf) in item.counterfactuals.enumerated() {
            for (j, map) in cf.attention.enumerated() {
                guard let grid = map.grid, let (i, original) = Self.counterpart(of: map, in: item, only: cf.attention.count == 1),
                      let before = original.grid,
                      let moved = AttentionMass.shift(from: before, fit: original.fit, to: grid, fit: map.fit,
                                                      imageWidth: width, imageHeight: height),
                      moved < config.counterfactualShift else { continue }
                let subject = Self.mapSubject(map, in: item)
                var message = "counterfactual[\(k)] (\(cf.change)\(cf.region.map { " of " + $0.listText } ?? "")) "
                    + "attention[\(j)] \"\(map.label)\"\(subject.label): moved \(Linter.percent(moved))% from attention[\(i)] "
                    + "(threshold \(Linter.percent(config.counterfactualShift))%)"
                // Where the evidence was: the changed region, else the critical boxes.
                let boxes = cf.region.map { [$0] } ?? critical
                if !boxes.isEmpty,
                   let was = AttentionMass.share(map: before, fit: original.fit, boxes: boxes, imageWidth: width, imageHeight: height),
                   let now = AttentionMass.share(map: grid, fit: map.fit, boxes: boxes, imageWidth: width, imageHeight: height) {
                    message += "; inside the \(cf.region == nil ? "critical boxes" : "changed region") \(Linter.percent(was))% before, \(Linter.percent(now))% after"
                }
                var f = finding(Lint.attentionUnmoved, item, subject.position.map { item.negatives[$0] }, message, value: moved)
                f.negativeIndex = subject.position
                out.append(f)
            }
        }
        return out
    }

    /// The item's map that `map` (over a counterfactual) is to be compared
    /// with: the one with the same label, rationale and step, or, when the
    /// counterfactual has one map (`only`) and the item one too, that one.
    static func counterpart(of map: AttentionMap, in item: Item, only: Bool) -> (Int, AttentionMap)? {
        let same = item.attention.indices.filter {
            let m = item.attention[$0]
            return m.label == map.label && m.rationale == map.rationale && m.step == map.step
        }
        if same.count == 1, let i = same.first { return (i, item.attention[i]) }
        if same.isEmpty, only, item.attention.count == 1 { return (0, item.attention[0]) }
        return nil
    }

    /// What a map belongs to, for a finding: ` (n1 step 2)` and the negative's
    /// position when its id names exactly one negative (a shared id is said).
    static func mapSubject(_ map: AttentionMap, in item: Item) -> (label: String, position: Int?) {
        let named = map.rationale.map { r in r == "chosen" ? [] : item.negatives.indices.filter { item.negatives[$0].id == r } } ?? []
        var label = ""
        // Steps counted from 1, as untouched-text and the panes count them (the data's `step` is 0-based).
        if let r = map.rationale { label += " (\(r)\(map.step.map { " step \($0 + 1)" } ?? ""))" }
        if named.count > 1 { label += " [id shared by \(named.count) negatives]" }
        if map.fit != .stretch { label += " (fit \(map.fit.name))" }
        return (label, named.count == 1 ? named.first : nil)
    }
}
