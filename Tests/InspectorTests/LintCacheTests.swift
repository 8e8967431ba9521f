import Foundation
import Inspector
import SceneData
import StoreTestSupport
import Testing

/// Going back to an item shown a moment ago shows its lints without linting it again.
@Suite struct LintCacheTests {
    final class Count: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func bump() { lock.withLock { n += 1 } }
        var value: Int { lock.withLock { n } }
    }

    @Test func anItemIsLintedOnceWhileItStaysRecent() throws {
        let count = Count()
        let source = InMemorySource(items: Fixture.items, images: [:])
        let runner = EffectRunner(services: .init(source: source, store: MemoryStore(), decode: Fixture.decode,
                                                  contentHash: Fixture.realHash,
                                                  lint: { item in count.bump(); return ItemLints(item: ["info: x: \(item.id)"]) }))
        func lint(_ i: Int) -> [String] {
            guard case .lintsReady(_, let l)? = runner.perform(.lint(Fixture.items[i])) else { return [] }
            return l.item
        }
        #expect(lint(0) == ["info: x: clevr-0"])
        #expect(lint(1) == ["info: x: clevr-1"])
        #expect(lint(0) == ["info: x: clevr-0"])
        #expect(lint(1) == ["info: x: clevr-1"])
        #expect(count.value == 2)
    }
}
