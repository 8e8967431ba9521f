import Foundation
import Testing
import Analysis
import Query
import Review
import SceneData
@testable import Inspector

/// `S`: the negatives in order of a numeric field (or of when you decided
/// them); Enter goes to one.
@Suite struct SortViewTests {
    @Test func jAscendingIsEveryNegativesJInOrderAndEnterGoesThere() throws {
        var (s, r, dataset) = try QueryPromptTests().samplesApp()
        s.press("S", r)
        let v = try #require(s.sorted)
        #expect(v.field == "j" && !v.descending)
        let rows = try #require(v.rows)
        // Every negative's J as the Query module measures it, in order.
        let j = try #require(QueryField.named("j"))
        var expected: [(Double, Int, Int)] = []
        for i in 0..<dataset.itemCount {
            guard let item = dataset.reviewItem(at: i) else { continue }
            let facts = ItemFacts(item: item, index: i, needs: .overlap)
            for k in item.negatives.indices { if let x = facts.number(j, negative: k) { expected.append((x, i, k)) } }
        }
        expected.sort { $0.0 != $1.0 ? $0.0 < $1.0 : ($0.1, $0.2) < ($1.1, $1.2) }
        #expect(rows.map(\.value) == expected.map(\.0))
        #expect(rows.map(\.item) == expected.map(\.1))
        #expect(s.screen.contains("Negatives by j, ascending"))
        // `r` reverses; Enter on the top row goes to the negative with the largest J.
        s.press("r", r)
        let reversed = try #require(s.sorted?.rows)
        #expect(reversed.first?.value == expected.last?.0)
        let target = try #require(reversed.first)
        s.press("<Enter>", r)
        #expect(s.sorted == nil)
        #expect(s.nav.index == target.item && s.nav.negativeIndex == target.negative)
    }

    @Test func byTimeListsYourDecisionsInTheOrderYouMadeThem() throws {
        var (s, r, _) = try QueryPromptTests().samplesApp()
        s.press("a", r)
        let first = try #require(s.review.history.last)
        Thread.sleep(forTimeInterval: 0.01)
        s.press("x", r)
        let second = try #require(s.review.history.last)
        s.press("S", r)
        while s.sorted?.field != "time" { s.press("<Tab>", r) }
        let rows = try #require(s.sorted?.rows)
        #expect(rows.map(\.negativeID) == [first.key.negativeID, second.key.negativeID])
        #expect(s.sorted?.withoutValue == 43)
        #expect(s.screen.contains("when you decided them"))
    }

    @Test func overAQueryFilterOnlyItsNegativesAreListed() throws {
        var (s, r, _) = try QueryPromptTests().samplesApp()
        s.press("w", r)
        Headless.press(&s, "operator=shorten".map { .char($0) } + [.enter], runner: r)
        s.press("S", r)
        let rows = try #require(s.sorted?.rows)
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.operatorName == "shorten" })
        #expect(s.screen.contains("within where operator=shorten"))
        s.press("q", r)
        #expect(s.sorted == nil && !s.quitting)
    }
}
