import Testing
@testable import Query

/// Tab in the inspector's `w` prompt: what is offered where the cursor is.
@Suite struct QueryCompletionTests {
    func complete(_ text: String, at cursor: Int? = nil) -> (QueryCompletion, String) {
        let c = QueryCompletion.at(text, cursor: cursor ?? text.count)
        return (c, c.applied(to: text, cursor: cursor ?? text.count).text)
    }

    @Test func aFieldNameIsCompletedWhereAFieldGoes() {
        #expect(complete("op").1 == "operator")
        #expect(complete("j<0.3 and sc").0.candidates == ["score.chosen", "score.rejected"])
        #expect(complete("j<0.3 and sc").1 == "j<0.3 and score.", "as far as the candidates agree")
        #expect(complete("not").0.candidates == ["note", "not"], "the word typed in full is still offered")
        #expect(complete("not").1 == "not")
    }

    @Test func aValueIsCompletedAfterItsFieldsSign() {
        #expect(complete("operator=").0.candidates == ["swap", "replace", "shorten", "overthink", "unlabelled"])
        #expect(complete("operator=ov").1 == "operator=overthink ", "a whole value is followed by a space")
        #expect(complete("severity >= w").1 == "severity >= warning ")
        #expect(complete("verdict!=un").0.candidates == ["undecided", "undecidable"])
        #expect(complete("lint=evid").1 == "lint=evidence-leak ")
        // After a comma, in a list of values.
        #expect(complete("operator=swap,sh").1 == "operator=swap,shorten ")
    }

    @Test func fieldsWithoutKnownValuesOfferNothing() {
        #expect(complete("j<").0.candidates.isEmpty)
        #expect(complete("question~wh").0.candidates.isEmpty)
        #expect(complete("question~wh").1 == "question~wh")
    }

    @Test func theCursorInTheMiddleCompletesTheWordBeforeIt() {
        let text = "opera=swap"
        let c = QueryCompletion.at(text, cursor: 5)
        let done = c.applied(to: text, cursor: 5)
        #expect(done.text == "operator=swap")
        #expect(done.cursor == 8)
    }
}
