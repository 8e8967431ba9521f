import SceneData

extension Linter {
    /// One message per structural change whose words the negative left as they were.
    ///
    /// For a change to an SG+ element (swap, replace, remove), no chosen step
    /// mentioning that element may stand word for word in the negative: it
    /// would still state the old fact. For an added
    /// element, some changed or added negative step must mention one of its
    /// entities. Changes the chosen text never mentions cannot be judged and are skipped.
    static func untouched(_ diff: GraphDiff, _ text: RationaleDiff, chosen: Rationale, negative: Rationale,
                          lexicon: ItemLexicon) -> [String] {
        var out: [String] = []
        let plus = diff.plus
        // Names for SG- entities too (an added entity is only there).
        var both = plus
        for e in diff.minus.entities where plus.entity(e.id) == nil { both.entities.append(e) }
        let negativeWords = JoinedWords(negative.steps.map(Tokenizer.wordList))
        let changedNegativeSteps = Set(text.steps.filter { !$0.wordsUnchanged }.compactMap(\.negativeIndex))

        for change in diff.changes {
            let target: ElementRef
            switch change {
            case .swapped(let r): target = .relation(r)
            case .removed(let ref): target = ref
            case .replacedEntity(let from, _): target = .entity(from.id)
            case .replacedAttribute(let e, let from, _): target = .attribute(AttributePair(entity: e, value: from))
            case .replacedRelation(let a, _): target = .relation(a)
            case .changedBox: continue
            case .added(let ref):
                let ids = GraphChange.ids(of: ref)
                let mentioned = changedNegativeSteps.contains { k in
                    k < negative.steps.count && ids.contains { CriticalElements.mentions(.entity($0), in: negative.steps[k], graph: both) }
                }
                if !mentioned {
                    out.append("\(diff.summary(of: change)), but no changed step of the negative mentions it")
                }
                continue
            }
            // Only steps that point at the element itself: a step about a look-alike
            // ("the other small cyan metal cube") rightly stays unchanged.
            // The lexicon's word lists of the chosen steps, not each step tokenised again per change.
            func chosenWords(_ k: Int) -> WordList {
                k < lexicon.chosenText.steps.count ? lexicon.chosenText.steps[k] : Tokenizer.wordList(chosen.steps[k])
            }
            let steps = chosen.steps.indices.filter { k in
                let w = chosenWords(k)
                return CriticalElements.mentions(target, inWords: w, graph: plus)
                    && GraphChange.ids(of: target).allSatisfy { CriticalElements.mentionsUniquely($0, inWords: w, graph: plus) }
            }
            guard !steps.isEmpty else { continue }
            // A step whose words still stand in the negative (in any step, however
            // the negative splits its text) keeps saying what the graph no longer holds.
            let kept = steps.filter { k in
                let w = chosenWords(k)
                return !w.isEmpty && Linter.containsRun(w, in: negativeWords)
            }
            if !kept.isEmpty {
                let list = kept.map { String($0 + 1) }.joined(separator: ", ")
                out.append("\(diff.summary(of: change)), but the chosen step\(kept.count > 1 ? "s" : "") \(list) mentioning it \(kept.count > 1 ? "are" : "is") unchanged in the negative")
            }
        }
        return out
    }

    /// `attention-share` for every map with critical boxes to compare with, and
    /// `attention-off-target` for those whose share is below the threshold.
    func attention(_ item: Item, imageSize: (Int, Int)?) -> [LintFinding] {
        let wantShare = config.runs(Lint.attentionShare.name), wantOff = config.runs(Lint.attentionOffTarget.name)
        guard wantShare || wantOff, !item.attention.isEmpty else { return [] }
        let size: (Int, Int)? = imageSize ?? item.sceneGraph.width.flatMap { w in item.sceneGraph.height.map { (w, $0) } }
        guard let (width, height) = size else { return [] }
        let boxes = AttentionMass.boxes(of: CriticalElements.resolved(for: item), in: item.sceneGraph)
        guard !boxes.isEmpty else { return [] }
        var out: [LintFinding] = []
        for (k, map) in item.attention.enumerated() {
            guard let grid = map.grid,
                  let share = AttentionMass.share(map: grid, fit: map.fit, boxes: boxes, imageWidth: width, imageHeight: height,
                                                         marginCells: config.attentionMarginCells) else { continue }
            // A map names its negative by id; an id several negatives share cannot
            // say which one, so the finding is about the item (and says so).
            let subject = Self.mapSubject(map, in: item)
            let position = subject.position
            let negative = position.map { item.negatives[$0] }
            let label = "attention[\(k)] \"\(map.label)\"" + subject.label
            let percent = Linter.percent(share)
            if wantShare {
                var f = finding(Lint.attentionShare, item, negative, "\(label): \(percent)% of the mass lies inside the critical boxes", value: share)
                f.negativeIndex = position
                out.append(f)
            }
            if wantOff, share < config.attentionThreshold {
                var f = finding(Lint.attentionOffTarget, item, negative,
                                "\(label): only \(percent)% of the mass lies inside the critical boxes (threshold \(Linter.percent(config.attentionThreshold))%)",
                                value: share)
                f.negativeIndex = position
                out.append(f)
            }
        }
        return out
    }

    /// True when `run` occurs contiguously, word for word, in `words`.
    static func containsRun<R: RandomAccessCollection<String>, W: RandomAccessCollection<String>>(_ run: R, in words: W) -> Bool
        where R.Index == Int, W.Index == Int {
        guard !run.isEmpty, run.count <= words.count else { return false }
        return (0...(words.count - run.count)).contains { start in
            run.indices.allSatisfy { run[$0] == words[start + $0] }
        }
    }

    /// A share as a whole percentage, safe for any double.
    static func percent(_ v: Double) -> Int {
        guard v.isFinite else { return 0 }
        return Int(max(-1e6, min(1e6, v * 100)).rounded())
    }
}
