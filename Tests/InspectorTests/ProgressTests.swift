import Foundation
import Testing
@testable import Inspector

@Suite struct ProgressTests {
    /// The status bar says "reviewed k of N": N arrives once indexing is done.
    @Test func indexingEndsWithTheTotalNumberOfNegatives() throws {
        let r = Fixture.runner()
        let mailbox = Mailbox()
        r.startIndexing(to: mailbox)
        var total: Int?
        var seen: [Msg] = []
        for _ in 0..<500 where total == nil {   // waits for the background queue, at most ~5 s
            for m in mailbox.drain() {
                seen.append(m)
                if case .negativeTotal(let n) = m { total = n }
            }
            if total == nil { Thread.sleep(forTimeInterval: 0.01) }
        }
        #expect(total == Fixture.items.reduce(0) { $0 + $1.negatives.count })

        var (s, runner) = Fixture.app()
        for m in seen + [.negativeTotal(total ?? -1)] { _ = InspectorApp.update(&s, m) }
        s.press("a", runner)
        #expect(s.screen.contains("reviewed 1 of 8"))
    }
}
