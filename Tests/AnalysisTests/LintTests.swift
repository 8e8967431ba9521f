import Testing
import SceneData
@testable import Analysis

@Suite struct LintTests {
    let linter = Linter(config: LintConfig(overlapRange: 0.3...0.8))

    func names(_ findings: [LintFinding]) -> Set<String> { Set(findings.map(\.name)) }
    func lint(_ neg: Negative, evidence: String? = nil) -> [LintFinding] {
        linter.lint(Sample.item(negatives: [neg], evidence: evidence), imageSize: nil)
    }

    @Test func cleanSwapRaisesNothingButItsOverlap() {
        let findings = lint(Sample.cleanSwap, evidence: "Three solids stand on a gray floor.")
        #expect(findings.map(\.name) == ["overlap"])
        #expect(findings.first?.value.map { abs($0 - 5.0 / 7.0) < 1e-12 } == true)
        #expect(findings.first?.line == 7 && findings.first?.negativeID == "n1" && findings.first?.itemID == "clevr-1")
    }

    @Test func identicalUpToPunctuationAndSpacing() {
        var neg = Sample.cleanSwap
        neg.rationale = Rationale(steps: ["the red cube is to the left of the blue sphere", "A green  cylinder is in front of the cube!",
                                          "So, the object left of the sphere is a cube"], answer: "Cube.")
        let found = lint(neg).filter { $0.name == "identical" }
        #expect(found.count == 1 && found.first?.severity == .error)
        // A plain-string negative has no answer: its steps alone decide.
        neg.rationale = Rationale(steps: [Sample.chosen.steps.joined(separator: " ")], answer: nil)
        #expect(names(lint(neg)).contains("identical"))
        #expect(!names(lint(Sample.cleanSwap)).contains("identical"))
        // The graph changed but the text did not: untouched as well.
        #expect(names(lint(neg)).contains("untouched-text"))
    }

    @Test func overlapOutOfRangeReportsJ() {
        let unchanged = Sample.negative(graph: Sample.graph, steps: Sample.cleanSwap.rationale.steps)
        let found = lint(unchanged).filter { $0.name == "overlap-out-of-range" }
        #expect(found.count == 1 && found.first?.value == 1 && found.first?.severity == .warning)
        #expect(found.first?.message.contains("1.00") == true)
        // Default range [0.3, 0.7] puts the clean swap (J = 0.714) outside; a wider range does not.
        #expect(names(Linter().lint(Sample.item(negatives: [Sample.cleanSwap]), imageSize: nil)).contains("overlap-out-of-range"))
        #expect(!names(lint(Sample.cleanSwap)).contains("overlap-out-of-range"))
    }

    @Test func operatorMismatch() {
        var shortenButSwapped = Sample.cleanSwap
        shortenButSwapped.op = .shorten; shortenButSwapped.operatorName = "skipped_step"
        let found = lint(shortenButSwapped).filter { $0.name == "operator-mismatch" }
        #expect(found.count == 1 && found.first?.severity == .error)
        #expect(found.first?.message.contains("nothing removed") == true)

        let swapThatRemoves = Sample.negative(edits: [.remove(.relation(Sample.inFront))], steps: Sample.cleanSwap.rationale.steps)
        #expect(names(lint(swapThatRemoves)).contains("operator-mismatch"))
        let unchanged = Sample.negative(op: "overthink", graph: Sample.graph, steps: ["x"])
        #expect(lint(unchanged).first { $0.name == "operator-mismatch" }?.message.contains("SG- equals SG+") == true)
        let unknown = Sample.negative(op: "jumble", edits: [.swap(relation: Sample.leftOf)], steps: ["x"])
        #expect(names(lint(unknown)).contains("operator-mismatch"))
        #expect(!names(lint(Sample.cleanSwap)).contains("operator-mismatch"))
    }

    @Test func untouchedText() {
        // The graph swaps the cube and the sphere, but the step saying "cube left of sphere" stays.
        var neg = Sample.cleanSwap
        neg.rationale = Rationale(steps: ["The red cube is to the left of the blue sphere.",
                                          "A green cylinder is in front of the cube.",
                                          "So the answer must be the sphere."], answer: "sphere")
        let found = lint(neg).filter { $0.name == "untouched-text" }
        #expect(found.count == 1)
        #expect(found.first?.message.contains("step 1") == true)
        #expect(!names(lint(Sample.cleanSwap)).contains("untouched-text"))
    }

    @Test func untouchedTextForAnAddedElement() {
        let overthink = Sample.negative(op: "overthink", edits: [.add(.entity("o4"))], steps: Sample.cleanSwap.rationale.steps)
        #expect(names(lint(overthink)).contains("untouched-text"))
    }

    @Test func sameAnswer() {
        var neg = Sample.cleanSwap
        neg.rationale.answer = "A cube."
        let found = lint(neg).filter { $0.name == "same-answer" }
        #expect(found.count == 1 && found.first?.severity == .warning)
        #expect(!names(lint(Sample.cleanSwap)).contains("same-answer"))
    }

    @Test func evidenceLeakMatchesWholeWords() {
        let leak = lint(Sample.cleanSwap, evidence: "The red object left of the sphere is a cube.").filter { $0.name == "evidence-leak" }
        #expect(leak.count == 1 && leak.first?.negativeID == nil && leak.first?.severity == .error)
        #expect(!names(lint(Sample.cleanSwap, evidence: "A cubic block and a cubelike sphere.")).contains("evidence-leak"))
    }

    @Test func evidenceLeakForShortAnswers() {
        #expect(TextChecks.leaks(evidence: "No, there is none.", answer: "no"))
        #expect(TextChecks.leaks(evidence: "The answer is no.", answer: "No"))
        #expect(!TextChecks.leaks(evidence: "There is no dog near the bench.", answer: "no"))
        #expect(!TextChecks.leaks(evidence: "Nobody sits there.", answer: "no"))
        #expect(TextChecks.leaks(evidence: "Yes, a dog.", answer: "yes"))
        #expect(!TextChecks.leaks(evidence: "Eyes of a dog.", answer: "yes"))
        #expect(TextChecks.leaks(evidence: "There are three spheres.", answer: "3"))
        #expect(TextChecks.leaks(evidence: "I count 3 spheres.", answer: "three"))
        #expect(!TextChecks.leaks(evidence: "A 3-story house and 13 windows.", answer: "3"))
        #expect(TextChecks.leaks(evidence: "A man is inspecting it closely.", answer: "inspecting it"))
        #expect(!TextChecks.leaks(evidence: "A category of concatenated things.", answer: "cat"))
        // A count must be about what the question counts.
        #expect(!TextChecks.leaks(evidence: "Objects of all three shapes stand on a floor.", answer: "3", question: "How many purple objects are there?"))
        #expect(TextChecks.leaks(evidence: "Three purple things stand on a floor.", answer: "3", question: "How many purple objects are there?"))
        #expect(TextChecks.leaks(evidence: "Of the purple things, three stand here.", answer: "3", question: "How many purple objects are there?"))
        // Words the question itself says are not a leak; saying them once more is.
        let q = "What colour is the cylinder left of the small red sphere?"
        #expect(!TextChecks.leaks(evidence: "The small red sphere is at the right; a cylinder stands close to it.", answer: "red", question: q))
        #expect(TextChecks.leaks(evidence: "The small red sphere is at the right; a red cylinder stands close to it.", answer: "red", question: q))
        #expect(TextChecks.leaks(evidence: "The cube is red.", answer: "red", question: "Is the cube red or blue?"))
    }

    @Test func unknownEntity() {
        var neg = Sample.cleanSwap
        neg.rationale.steps[1] = "A green giraffe is in front of the cube."
        let found = lint(neg).filter { $0.name == "unknown-entity" }
        #expect(found.count == 1 && found.first?.message.contains("\"giraffe\"") == true)
        // Known nouns followed by verbs are not phrases with an unknown head.
        neg.rationale.steps[1] = "The cylinder stands in front of the cube; a sphere rolls."
        #expect(!names(lint(neg)).contains("unknown-entity"))
        #expect(!names(lint(Sample.cleanSwap)).contains("unknown-entity"))
        // An edit that names the new object explains it.
        let replaced = Sample.negative(op: "replace", edits: [.replace(from: .entity("o3"), to: .name("giraffe"))],
                                       steps: ["The red cube is to the left of the blue sphere.",
                                               "A green giraffe is in front of the cube."], answer: "cube")
        #expect(!names(lint(replaced)).contains("unknown-entity"))
    }

    @Test func onlySelectsLints() {
        var neg = Sample.cleanSwap
        neg.rationale.answer = "cube"
        let only = Linter(config: LintConfig(only: ["same-answer"])).lint(Sample.item(negatives: [neg]), imageSize: nil)
        #expect(names(only) == ["same-answer"])
    }

    @Test func catalogueNamesAreUniqueAndSeveritiesAsDocumented() {
        #expect(Set(Lint.all.map(\.name)).count == Lint.all.count)
        #expect(Lint.all.filter { $0.severity == .error }.map(\.name) == ["identical", "operator-mismatch", "evidence-leak"])
    }
}

@Suite struct NegativeAnalysisTests {
    @Test func bundlesDiffOverlapTextAndFindings() {
        var shorten = Sample.cleanSwap
        shorten.op = .shorten
        let item = Sample.item(negatives: [shorten])
        let a = NegativeAnalysis(negative: shorten, in: item)
        #expect(a.diff.changes == [.swapped(Sample.leftOf)])
        #expect(a.overlap.map { abs($0.value - 5.0 / 7.0) < 1e-12 } == true)
        #expect(a.text.steps.count == 3)
        #expect(a.worstSeverity == .error)
        #expect(Linter().firing(on: item).isSuperset(of: ["operator-mismatch", "overlap-out-of-range"]))
        #expect(!Linter().firing(on: item).contains("overlap"))
    }
}
