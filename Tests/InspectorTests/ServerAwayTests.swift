import Foundation
import Testing
import Inspector
import Review
import StoreTestSupport

/// A store whose server can be switched off: every call throws an
/// "unreachable" error while `down`, and the writes attempted are counted.
final class SwitchableStore: DecisionStore, @unchecked Sendable {
    let inner: MemoryStore
    private let lock = NSLock()
    private var isDown = false
    private var attemptCount = 0
    /// The writes attempted so far (read under the lock: the runner's queue counts them).
    var attempts: Int { lock.withLock { attemptCount } }
    init(_ inner: MemoryStore) { self.inner = inner }
    var annotator: String { inner.annotator }
    var down: Bool {
        get { lock.withLock { isDown } }
        set { lock.withLock { isDown = newValue } }
    }
    private func reach() throws {
        lock.withLock { attemptCount += 1 }
        if down { throw ReviewStoreError(path: "postgresql://qa@db/team", message: "lost the connection to the server", unreachable: true) }
    }
    func record(_ key: NegativeKey, verdict: Verdict, contentHash: String, note: String?, tags: [String]?) throws -> Decision {
        try reach(); return try inner.record(key, verdict: verdict, contentHash: contentHash, note: note, tags: tags)
    }
    func setNote(_ key: NegativeKey, note: String?) throws -> Decision? { try reach(); return try inner.setNote(key, note: note) }
    func setTags(_ key: NegativeKey, tags: [String]) throws -> Decision? { try reach(); return try inner.setTags(key, tags: tags) }
    func undoLast() throws -> UndoResult? { try reach(); return try inner.undoLast() }
    func decisions(itemID: String) throws -> [String: Decision] { try reach(); return try inner.decisions(itemID: itemID) }
    func decidedKeys() throws -> Set<NegativeKey> { try reach(); return try inner.decidedKeys() }
    func summary() throws -> ReviewSummary { try reach(); return try inner.summary() }
    func currentDecisions() throws -> [NegativeKey: Decision] { try reach(); return try inner.currentDecisions() }
}

/// Issue 19, item 5: the server goes away mid-session.
@Suite struct ServerAwayTests {
    static func app(_ store: SwitchableStore) -> (AppState, EffectRunner) {
        let source = InMemorySource(items: Fixture.items, images: Dictionary(uniqueKeysWithValues: (0..<4).map { ("img\($0).png", [UInt8(1)]) }))
        let runner = EffectRunner(services: .init(source: source, store: store, decode: Fixture.decode, contentHash: Fixture.realHash))
        var s = AppState(width: 160, height: 48, datasetName: "fixture", annotator: store.annotator, asciiOnly: false, imageMode: .truecolor)
        s.nav.itemCount = Fixture.items.count; s.nav.fullyIndexed = true; s.nav.indexFraction = 1
        Headless.settle(&s, InspectorApp.start(&s, at: 0), runner: runner)
        return (s, runner)
    }

    @Test func aDecisionTheServerDidNotGetIsShownAsNotSavedAndQuitAsksFirst() throws {
        let store = SwitchableStore(MemoryStore(annotator: "qa"))
        var (s, runner) = Self.app(store)
        #expect(s.item?.id == "clevr-0")
        store.down = true
        s.press("x", runner)
        // Said at once, in the error colour; the negative is not shown as decided.
        #expect(s.flash?.severity == .error)
        #expect(s.screen.contains("NOT SAVED: reject on n1: the review server is unreachable; resending until it is back"))
        #expect(!s.screen.contains("saved: reject"))
        #expect(s.review.verdicts["n1"] == nil)
        #expect(s.phase == .savingDecision(NegativeKey(itemID: "clevr-0", negativeID: "n1")))
        // Moving about keeps the warning on the prompt line.
        s.press("j", runner)
        #expect(s.screen.contains("NOT SAVED: reject on n1"))
        // q asks first; the decision would be lost.
        s.press("q", runner)
        #expect(!s.quitting)
        #expect(s.screen.contains("not saved yet: reject on n1 (the review server is unreachable)"))
        #expect(try store.inner.decisions(itemID: "clevr-0").isEmpty)
    }

    @Test func theRunnerResendsUntilTheServerIsBackThenTheDecisionIsSaved() throws {
        let store = SwitchableStore(MemoryStore(annotator: "qa"))
        var (s, runner) = Self.app(store)
        runner.resendDelay = 0.02
        defer { runner.stopResending() }
        store.down = true
        let mailbox = Mailbox()
        // As Program does: the key's effects go to the runner in the background.
        for e in InspectorApp.update(&s, .key(.char("x"))) { runner.submit(e, to: mailbox) }
        let first = BackgroundCountTests.wait(mailbox) { $0.contains { if case .storeUnreachable = $0 { return true }; return false } }
        for m in first { _ = InspectorApp.update(&s, m) }
        #expect(s.screen.contains("NOT SAVED: reject on n1"))
        // It keeps trying while the server is away, and tells only once.
        let before = store.attempts
        Thread.sleep(forTimeInterval: 0.2)
        #expect(store.attempts > before + 2)
        #expect(mailbox.drain().isEmpty)
        #expect(try store.inner.decisions(itemID: "clevr-0").isEmpty)
        store.down = false
        let rest = BackgroundCountTests.wait(mailbox) { $0.contains { if case .decisionSaved = $0 { return true }; return false } }
        var effects: [Effect] = []
        for m in rest { effects += InspectorApp.update(&s, m) }
        #expect(try store.inner.decisions(itemID: "clevr-0")["n1"]?.verdict == .reject)
        #expect(s.review.verdicts["n1"] == .reject)
        #expect(s.review.unsent == nil)
        #expect(s.screen.contains("saved: reject n1 (the server is back)"))
        // Quitting no longer asks.
        s.press("q", runner)
        #expect(s.quitting)
    }

    @Test func aNoteTypedWhileTheServerIsAwayIsKeptAndResent() throws {
        let store = SwitchableStore(MemoryStore(annotator: "qa"))
        var (s, runner) = Self.app(store)
        s.press("a", runner)
        #expect(s.review.verdicts["n1"] == .accept)
        s.press("[", runner)  // back to n1
        #expect(s.negative?.id == "n1")
        runner.resendDelay = 0.02
        defer { runner.stopResending() }
        store.down = true
        let mailbox = Mailbox()
        for ch in "cbox is hidden" { for e in InspectorApp.update(&s, .key(.char(ch))) { runner.submit(e, to: mailbox) } }
        for e in InspectorApp.update(&s, .key(.enter)) { runner.submit(e, to: mailbox) }
        let first = BackgroundCountTests.wait(mailbox) { $0.contains { if case .storeUnreachable = $0 { return true }; return false } }
        for m in first { _ = InspectorApp.update(&s, m) }
        #expect(s.screen.contains("NOT SAVED: the note on n1"))
        store.down = false
        let rest = BackgroundCountTests.wait(mailbox) { $0.contains { if case .noteSaved = $0 { return true }; return false } }
        for m in rest { _ = InspectorApp.update(&s, m) }
        #expect(try store.inner.decisions(itemID: "clevr-0")["n1"]?.note == "box is hidden")
        #expect(s.review.unsent == nil)
    }

    @Test func aRefusalIsNotRetried() throws {
        // A store error that is not about reaching the server fails at once, as before.
        let msg = EffectRunnerProbe.answer(ReviewStoreError(path: "s", message: "already with 2 annotators"))
        if case .failed(let text) = msg { #expect(text.contains("already with 2 annotators")) } else { Issue.record("expected failed, got \(String(describing: msg))") }
    }
}

/// A store that always refuses, to see what the runner answers.
enum EffectRunnerProbe {
    static func answer(_ error: ReviewStoreError) -> Msg? {
        final class Refusing: DecisionStore, @unchecked Sendable {
            let error: ReviewStoreError
            init(_ e: ReviewStoreError) { error = e }
            var annotator: String { "qa" }
            func record(_ key: NegativeKey, verdict: Verdict, contentHash: String, note: String?, tags: [String]?) throws -> Decision { throw error }
            func setNote(_ key: NegativeKey, note: String?) throws -> Decision? { throw error }
            func undoLast() throws -> UndoResult? { throw error }
            func decisions(itemID: String) throws -> [String: Decision] { [:] }
            func decidedKeys() throws -> Set<NegativeKey> { [] }
            func summary() throws -> ReviewSummary { ReviewSummary() }
        }
        let source = InMemorySource(items: Fixture.items, images: [:])
        let runner = EffectRunner(services: .init(source: source, store: Refusing(error), decode: Fixture.decode))
        return runner.perform(.record(NegativeKey(itemID: "clevr-0", negativeID: "n1"), .reject, item: Fixture.items[0], note: nil, tags: nil))
    }
}
