import Testing
import SceneData
@testable import Analysis

@Suite struct RationaleDiffTests {
    func text(_ side: DiffText?) -> String { (side?.tokens ?? []).map { $0.leading + $0.text }.joined() }
    func marked(_ side: DiffText?, _ kind: DiffKind) -> [String] { (side?.tokens ?? []).filter { $0.kind == kind }.map(\.text) }

    @Test func wordLevelDiffWithinAStep() {
        let pair = RationaleDiff.compare("The red cube is left of the sphere.", "The red sphere is left of the cube.")
        #expect(marked(pair.chosen, .removed) == ["cube", "sphere"])
        #expect(marked(pair.negative, .added) == ["sphere", "cube"])
        #expect(text(pair.chosen) == "The red cube is left of the sphere.")
        #expect(text(pair.negative) == "The red sphere is left of the cube.")
    }

    @Test func caseOnlyChangeIsSame() {
        let pair = RationaleDiff.compare("The Cube", "the cube")
        #expect(pair.isUnchanged)
    }

    @Test func removedStepIsAGapAndAddedStepIsExtra() {
        let chosen = Rationale(steps: ["The cube is red.", "The sphere is blue.", "So the answer is cube."], answer: "cube")
        let negative = Rationale(steps: ["The cube is red.", "So the answer is cube.", "Also a tiny cone floats above everything."], answer: "cube")
        let d = RationaleDiff.compare(chosen: chosen, negative: negative)
        #expect(d.steps.count == 4)
        #expect(d.steps.map(\.chosenIndex) == [0, 1, 2, nil])
        #expect(d.steps.map(\.negativeIndex) == [0, nil, 1, 2])
        #expect(d.steps[1].negative == nil && d.steps[3].chosen == nil)
        #expect(d.steps[0].isUnchanged && d.steps[2].isUnchanged)
        #expect(marked(d.steps[1].chosen, .removed).count == 5)
        #expect(!d.answerChanged)
    }

    @Test func rewrittenStepStaysAlignedWithItsOriginal() {
        let chosen = Rationale(steps: ["The cube is left of the sphere.", "Answer: cube."])
        let negative = Rationale(steps: ["The sphere is left of the cube.", "Answer: sphere."])
        let d = RationaleDiff.compare(chosen: chosen, negative: negative)
        #expect(d.steps.map(\.chosenIndex) == [0, 1])
        #expect(d.steps.map(\.negativeIndex) == [0, 1])
    }

    @Test func answersCompareIgnoringCaseAndPunctuation() {
        let a = Rationale(steps: [], answer: "A cube.")
        #expect(!RationaleDiff.compare(chosen: a, negative: Rationale(steps: [], answer: "cube")).answerChanged)
        #expect(RationaleDiff.compare(chosen: a, negative: Rationale(steps: [], answer: "sphere")).answerChanged)
    }

    @Test func cjkAndNumbersDiffPerToken() {
        let pair = RationaleDiff.compare("红色的立方体 is 3.5 cm", "蓝色的立方体 is 3.6 cm")
        #expect(marked(pair.chosen, .removed) == ["红", "3.5"])
        #expect(marked(pair.negative, .added) == ["蓝", "3.6"])
    }

    @Test func veryLongStepsStayBoundedAndCorrect() {
        let a = (0..<2000).map { "w\($0)" }.joined(separator: " ")
        let b = (0..<2000).map { "v\($0)" }.joined(separator: " ")
        let pair = RationaleDiff.compare("start " + a + " end", "start " + b + " end")
        // The long middle differs entirely, so it shows as removed and added; the common ends stay same.
        #expect(pair.chosen?.tokens.first?.kind == .same && pair.chosen?.tokens.last?.kind == .same)
        #expect(marked(pair.chosen, .removed).count == 2000)
        #expect(marked(pair.negative, .added).count == 2000)
        #expect(text(pair.chosen) == "start " + a + " end")
    }

    /// Issue 14: a long step changed in one word is held as three runs a side
    /// (same, changed, same) over the step's own text, not a token each.
    @Test func aLongStepChangedInOneWordIsThreeRunsASide() {
        let words = (0..<20_000).map { ["the", "cube", "is", "left", "of", "a", "Sphere"][$0 % 7] }
        let a = words.joined(separator: " ")
        var changed = words
        changed[10_000] = "ball"
        let pair = RationaleDiff.compare(a, changed.joined(separator: " "))
        #expect(pair.chosen?.runs.map(\.kind) == [.same, .removed, .same])
        #expect(pair.negative?.runs.map(\.kind) == [.same, .added, .same])
        #expect(pair.chosen?.text == a)
        #expect(marked(pair.chosen, .removed) == [words[10_000]] && marked(pair.negative, .added) == ["ball"])
    }

    /// What a pane draws: whitespace before a word is one space, and a
    /// highlight starts at the word, not at the space before it.
    @Test func runsAsShownCollapseSpacingAndLeaveTheSpaceUnmarked() {
        let pair = RationaleDiff.compare("  The  red\ncube café.", "The blue cube café.")
        var shown: [String] = []
        pair.chosen?.forEachRun { text, kind in shown.append("\(kind.rawValue):\(text)") }
        #expect(shown == ["same: The", "same: ", "removed:red", "same: cube café."])
        #expect(pair.wordsUnchanged == false)
        #expect(RationaleDiff.compare("The cube.", "the cube!").wordsUnchanged)
        #expect(!RationaleDiff.compare("The cube.", "the cube!").isUnchanged)
    }
}
