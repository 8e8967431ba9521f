import Testing
@testable import SceneData

@Suite struct RationaleTests {
    @Test func stepsAndAnswerObject() throws {
        let (item, ds) = readItem(line(itemObject(["chosen": ["steps": ["One.", "Two."], "answer": "x"]])))
        #expect(errors(ds).isEmpty)
        #expect(item?.chosen == Rationale(steps: ["One.", "Two."], answer: "x"))
    }

    @Test func plainStringSplitsAtLineBreaksFirst() throws {
        let (item, _) = readItem(line(itemObject(["chosen": "The cube is red. It is big.\r\nSo the answer is red.\n\n"])))
        #expect(item?.chosen.steps == ["The cube is red. It is big.", "So the answer is red."])
        #expect(item?.chosen.answer == nil)
    }

    @Test func plainStringWithoutLineBreaksSplitsAtSentenceEnds() throws {
        let (item, _) = readItem(line(itemObject(["chosen": "The cube is red! Is it big? Yes. So red."])))
        #expect(item?.chosen.steps == ["The cube is red!", "Is it big?", "Yes.", "So red."])
    }

    @Test(arguments: [
        ("Small objects, e.g. the cube, are left. The sphere is right.",
         ["Small objects, e.g. the cube, are left.", "The sphere is right."]),
        ("The box is 3.5 cm wide. It is red.", ["The box is 3.5 cm wide.", "It is red."]),
        ("Dr. Smith is near the car. He waves.", ["Dr. Smith is near the car.", "He waves."]),
        ("It costs approx. 4 dollars. Cheap.", ["It costs approx. 4 dollars.", "Cheap."]),
        ("See fig. 2 for details. Done.", ["See fig. 2 for details.", "Done."]),
        ("He said \"stop.\" Then he left.", ["He said \"stop.\"", "Then he left."]),
        ("Wait... The answer is B. It fits.", ["Wait...", "The answer is B.", "It fits."]),
        ("i.e. the red one is closer. Yes.", ["i.e. the red one is closer.", "Yes."]),
        ("There are cubes, spheres, etc. The red one is big.", ["There are cubes, spheres, etc.", "The red one is big."]),
        ("猫在桌子上。狗在地上。", ["猫在桌子上。", "狗在地上。"]),
        ("No period at the end", ["No period at the end"]),
        ("Version v1.2.3 is used. OK.", ["Version v1.2.3 is used.", "OK."]),
    ])
    func sentenceSplittingEdgeCases(text: String, expected: [String]) {
        #expect(SentenceSplitter.steps(of: text) == expected)
    }

    @Test func emptyRationaleIsAWarning() {
        let (item, ds) = readItem(line(itemObject(["chosen": ["steps": [String](), "answer": "x"]])))
        #expect(item != nil)
        #expect(ds.contains { $0.severity == .warning && $0.field == "chosen" && $0.message.contains("empty") })
        #expect(errors(ds).isEmpty)
    }

    @Test func wrongRationaleTypeIsAnError() {
        let (_, ds) = readItem(line(itemObject(["chosen": 42])))
        #expect(errors(ds).contains { $0.field == "chosen" })
    }
}
