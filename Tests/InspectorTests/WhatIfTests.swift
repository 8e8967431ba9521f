import Testing
import Analysis
import Imaging
import SceneData
import TerminalUI
@testable import Inspector

/// What-if (`r`, `R`) and the compare key (`d`) on a planted item: SG^c is
/// the cube's two attributes and "cube left of sphere", so U(SG^c) has three
/// members and each operator's J can be worked out by hand.
@Suite struct WhatIfTests {
    static let left = Relation(subject: "o1", predicate: "left of", object: "o2")

    func app(negatives: [Negative]? = nil) -> (AppState, EffectRunner) {
        var item = Fixture.item(0)
        item.critical = [.attribute(AttributePair(entity: "o1", value: "red")),
                         .attribute(AttributePair(entity: "o1", value: "metal")), .relation(Self.left)]
        let step = Rationale(steps: ["The sphere is left of the cube."], answer: "no")
        item.negatives = negatives ?? [
            Negative(id: "n1", op: .swap, operatorName: "swap", edits: [.swap(relation: Self.left)], rationale: step),
            Negative(id: "n2", op: .shorten, operatorName: "shorten",
                     edits: [.remove(.attribute(AttributePair(entity: "o1", value: "red")))], rationale: step),
            // Declared replace, but the change is a swap.
            Negative(id: "n3", op: .replace, operatorName: "replace", edits: [.swap(relation: Self.left)], rationale: step),
            // Declared overthink, but adds a fact SG+ does not have.
            Negative(id: "n4", op: .overthink, operatorName: "overthink",
                     edits: [.add(.relation(Relation(subject: "o2", predicate: "above", object: "o3")))], rationale: step),
        ]
        let source = InMemorySource(items: [item], images: ["img0.png": [0]])
        let runner = EffectRunner(services: .init(source: source, store: MemoryStore(), decode: Fixture.decode))
        var s = AppState(width: 160, height: 48, datasetName: "fixture", annotator: "t", imageMode: .truecolor)
        s.nav.itemCount = 1; s.nav.fullyIndexed = true; s.nav.indexFraction = 1
        Headless.settle(&s, InspectorApp.start(&s, at: 0), runner: runner)
        return (s, runner)
    }

    /// Focuses the graph pane and moves down to the first row starting with `prefix`, as a user would with j.
    func select(_ prefix: String, _ s: inout AppState, _ r: EffectRunner) {
        s.press("2", r)
        s.press("<Home>", r)
        for _ in 0..<30 {
            let rows = PanesModel.graphRows(s)
            if rows.indices.contains(s.panes.graphSelection), rows[s.panes.graphSelection].text.hasPrefix(prefix) { return }
            s.press("j", r)
        }
        Issue.record("no graph row starts with \(prefix)")
    }

    @Test func swapOnTheCriticalRelation() throws {
        var (s, r) = app()
        select("cube left of sphere", &s, r)
        s.press("r", r)
        let w = try #require(s.whatIf)
        #expect(w.op == .swap && w.candidates.count == 1)
        let c = try #require(w.candidate)
        // U(SG-) keeps red and metal and gains (o2, o1) for (o1, o2): J = 2/4.
        #expect(c.j == 0.5)
        #expect(c.minus.relations == [Relation(subject: "o2", predicate: "left of", object: "o1")])
        #expect(c.touched == [.relation(Self.left)])
        let screen = s.screen
        #expect(screen.contains("What-if: swap on cube left of sphere"))
        #expect(screen.contains("J 0.50  in band [0.30, 0.70]"))
        #expect(screen.contains("critical touched: cube left of sphere"))
        #expect(screen.contains("+ sphere left of cube"))
        // The negative's own, beside it.
        #expect(screen.contains("NEGATIVE n1 (swap)"))
    }

    @Test func replaceStepsThroughNamesThenValuesOfTheScene() throws {
        var (s, r) = app()
        select("o1 cube", &s, r)
        s.press("rr", r)
        var w = try #require(s.whatIf)
        #expect(w.op == .replace)
        // The cube renamed: its key changes, so nothing of U(SG^c) is left.
        #expect(w.candidate?.minus.entity("o1")?.name == "sphere")
        #expect(w.candidate?.j == 0)
        #expect(s.screen.contains("J 0.00  outside band"))
        s.press("RR", r)
        w = try #require(s.whatIf)
        // red -> blue, a value of the scene no object carries with red: J = 2/4.
        #expect(w.candidate?.edits == [.replace(from: .attribute(AttributePair(entity: "o1", value: "red")), to: .name("blue"))])
        #expect(Set(w.candidate?.minus.entity("o1")?.attributes ?? []) == ["blue", "metal"])
        #expect(w.candidate?.j == 0.5)
        #expect(s.screen.contains("choice 3/"))
    }

    @Test func anElementOutsideSGcIsChosenAsTheReplacementOrTheAddedFact() throws {
        var (s, r) = app()
        select("o3 cylinder", &s, r)
        s.press("r", r)
        #expect(s.whatIf?.candidates.isEmpty == true)
        #expect(s.flash?.text.hasPrefix("what-if swap: nothing to do on o3 cylinder") == true)
        s.press("r", r)
        // The cube takes the cylinder's name.
        #expect(s.whatIf?.candidate?.edits == [.replace(from: .entity("o1"), to: .name("cylinder"))])
        s.press("rr", r)
        let w = try #require(s.whatIf)
        #expect(w.op == .overthink)
        // "cylinder behind cube" added: 3 of 4 members shared, outside the band.
        #expect(w.candidate?.edits == [.add(.relation(Relation(subject: "o3", predicate: "behind", object: "o1")))])
        #expect(w.candidate?.j == 0.75)
        #expect(s.screen.contains("J 0.75  outside band"))
        s.press("r", r)
        #expect(s.whatIf == nil && !s.screen.contains("What-if"))
        #expect(s.screen.contains("Lints ("))
    }

    @Test func escClosesAndAHeadingRowSaysWhatToSelect() {
        var (s, r) = app()
        s.press("2<Home>", r)
        s.panes.graphSelection = 0   // the "SG+ -> SG-" heading
        s.press("r", r)
        #expect(s.whatIf == nil)
        #expect(s.flash?.text.hasPrefix("what-if: select an object or relation") == true)
        select("cube left of sphere", &s, r)
        s.press("r", r)
        #expect(s.whatIf != nil)
        s.press("<Esc>", r)
        #expect(s.whatIf == nil)
    }

    /// A pipeline that replaces the cube by another cube of the scene: replace's own choice, so a match.
    @Test func anotherObjectOfTheSameNameIsAReplaceChoice() {
        var item = Fixture.item(0)
        item.sceneGraph.entities.append(Entity(id: "o4", name: "cube", box: BoundingBox(x: 70, y: 40, w: 10, h: 10), attributes: ["grey"]))
        let n = Negative(id: "n9", op: .replace, operatorName: "replace",
                         edits: [.replace(from: .entity("o1"), to: .element(.entity("o4")))], rationale: Rationale(steps: ["x"]))
        #expect(WhatIf.check(n, in: item).matches)
        #expect(WhatIf.candidates(.replace, on: .entity("o4"), item: item).contains { $0.edits == n.edits })
    }

    @Test func anotherItemClosesThePanel() {
        var (s, r) = Fixture.app()
        s.press("2jjjr", r)
        #expect(s.whatIf?.itemID == "clevr-0")
        s.press("n", r)
        #expect(s.item?.id == "clevr-1")
        #expect(s.whatIf == nil && !s.screen.contains("What-if"))
    }

    @Test func compareSaysMatchOrMismatchOnPlantedNegatives() {
        var (s, r) = app()
        s.press("d", r)
        #expect(s.flash?.text.hasPrefix("match: n1's change is what swap does") == true)
        #expect(s.screen.contains("match: n1's change is what swap does"))
        // Beside the negative: the candidate it matched.
        #expect(s.whatIf?.candidate?.edits == [.swap(relation: Self.left)])
        #expect(s.screen.contains("WHAT-IF SWAP") && s.screen.contains("NEGATIVE n1 (swap)"))
        s.press("]d", r)
        #expect(s.flash?.text.hasPrefix("match: n2's change is what shorten does") == true)
        s.press("]d", r)
        let n3 = s.flash?.text ?? ""
        #expect(n3.hasPrefix("mismatch: n3's change"))
        #expect(n3.contains("is no replace of SG^c; it is what swap does"))
        #expect(s.screen.contains("mismatch: n3's change"))
        s.press("]d", r)
        let n4 = s.flash?.text ?? ""
        #expect(n4.hasPrefix("mismatch: n4's change"))
        #expect(!n4.contains("it is what"))
    }
}
