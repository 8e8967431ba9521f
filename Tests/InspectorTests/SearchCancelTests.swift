import Imaging
import Inspector
import SceneData
import Testing

/// A source that runs `onLoad` before serving an item: lets a test act in the middle of a search.
final class HookedSource: ItemSource, @unchecked Sendable {
    let inner = InMemorySource(items: Fixture.items)
    var onLoad: (Int) -> Void = { _ in }
    var count: Int { inner.count }
    var isFullyIndexed: Bool { true }
    var byteSize: Int64 { 0 }
    func load(_ index: Int) -> LoadedItem { onLoad(index); return inner.load(index) }
    func index(ofID id: String) -> Int? { inner.index(ofID: id) }
    func imageBytes(for source: ImageSource) throws -> [UInt8] { [1] }
    func indexAll(progress: @escaping @Sendable (Int, Double, Bool) -> Void) { inner.indexAll(progress: progress) }
    func negativeCount(ofItem index: Int) -> Int? { inner.negativeCount(ofItem: index) }
    func hasItem(_ index: Int) -> Bool { inner.hasItem(index) }
}

@Suite struct SearchCancelTests {
    @Test func cancellingStopsARunningSearch() {
        let source = HookedSource()
        let runner = EffectRunner(services: .init(source: source, store: MemoryStore(), decode: Fixture.decode))
        // Esc arrives while the search is reading item 2; item 3 matches but must not be reported.
        source.onLoad = { i in if i == 2 { _ = runner.perform(.cancelFind) } }
        let answer = runner.perform(.find(from: 0, forward: true, criterion: .text("Item 3:"), includeStart: false))
        #expect(answer == nil)
        // A new search after the cancel runs normally.
        source.onLoad = { _ in }
        if case .found(let i, _, _)? = runner.perform(.find(from: 0, forward: true, criterion: .text("Item 3:"), includeStart: false)) {
            #expect(i == 3)
        } else {
            Issue.record("the next search found nothing")
        }
    }

    @Test func progressShowsAndEscClearsSearching() {
        var (s, _) = Fixture.app()
        var fx: [Effect] = []
        for k in (try? Headless.parseKeys("/Item 3:<Enter>")) ?? [] { fx = InspectorApp.update(&s, .key(k)) }
        #expect(fx.contains { if case .find = $0 { return true }; return false })
        _ = InspectorApp.update(&s, .findProgress(0.35))
        #expect(s.screen.contains("searching… 35%"))
        let cancel = InspectorApp.update(&s, .key(.escape))
        #expect(cancel == [.cancelFind, .listMatches(nil)], "the lookup and the list of its matches both stop")
        #expect(!s.screen.contains("searching") && s.busy == nil && s.lookup.search == nil)
        // A late progress report from the cancelled search changes nothing.
        _ = InspectorApp.update(&s, .findProgress(0.5))
        #expect(!s.screen.contains("searching"))
    }
}
