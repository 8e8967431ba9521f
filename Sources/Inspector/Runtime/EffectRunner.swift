import Foundation
import Imaging
import Query
import Review
import SceneData
import TerminalUI

/// Runs effects: `perform` does one effect and returns its answer (the
/// `render` command uses it directly); `submit` runs it on a background queue
/// and posts the answer to a `Mailbox`. The work itself is done by pieces
/// with one job each: `ItemCache` (parsed items), `ImageCache` and
/// `ImageSizing` (decoded images and their size for the pane), `Finder` (lookups),
/// `FindGeneration` (cancelling them), `ReviewCounter` (the status bar's counts),
/// and the store and lints of `Services`.
public final class EffectRunner: @unchecked Sendable {
    /// The pieces the runner needs from the layers below, passed in so tests can stand them in.
    public struct Services: @unchecked Sendable {
        public var source: ItemSource
        public var store: DecisionStore?
        /// Decodes image file bytes.
        public var decode: @Sendable ([UInt8]) throws -> RGBAImage
        /// The content hash a decision records for a negative.
        public var contentHash: @Sendable (Negative, Item) -> String
        /// Lint findings of an item and its negatives as one-line texts, by negative position.
        public var lint: @Sendable (Item) -> ItemLints
        /// Decodes image file bytes as the file stores them (alpha kept); nil: as `decode`.
        public var decodeStored: (@Sendable ([UInt8]) throws -> RGBAImage)?
        /// The team project's session (claims and heartbeat); nil outside a team project.
        public var team: TeamSession?
        /// Makes (or reads) the dataset's summary, telling its progress
        /// (done, total); nil: counts, tables and lists walk the items.
        public var summary: (@Sendable (_ progress: @escaping @Sendable (Int, Int) -> Void) -> SummaryIndex?)?
        /// Services from their parts; hash and lint default to none.
        public init(source: ItemSource, store: DecisionStore?, decode: @escaping @Sendable ([UInt8]) throws -> RGBAImage,
                    contentHash: @escaping @Sendable (Negative, Item) -> String = { _, _ in "" },
                    lint: @escaping @Sendable (Item) -> ItemLints = { _ in .none },
                    decodeStored: (@Sendable ([UInt8]) throws -> RGBAImage)? = nil) {
            self.source = source; self.store = store; self.decode = decode
            self.contentHash = contentHash; self.lint = lint; self.decodeStored = decodeStored
        }
    }

    private let services: Services
    let items: ItemCache
    private let images: ImageCache
    let lintCache = LintCache()
    let generation = FindGeneration()
    /// The query count's own generation: a new count (a key typed at the `w`
    /// prompt) stops the one before without touching a lookup.
    let countGeneration = FindGeneration()
    /// The frequency view's: a table for other fields replaces the one being counted.
    let tableGeneration = FindGeneration()
    /// The search's list of matches (`3 of 17`).
    let matchGeneration = FindGeneration()
    private let counter: ReviewCounter
    /// This annotator's decided negatives, kept in memory (see `DecidedKeys`).
    let decided = DecidedKeys()
    private let summaryLock = NSLock()
    private var readySummary: SummaryIndex?
    /// The dataset's summary once it is made (see `Services.summary`); until then nil, and walks read the items.
    var summary: SummaryIndex? { summaryLock.withLock { readySummary } }
    private let summaryQueue = DispatchQueue(label: "scenelens.summary", qos: .utility)
    private let workQueue = DispatchQueue(label: "scenelens.work")
    private let imageQueue = DispatchQueue(label: "scenelens.image")
    private let findQueue = DispatchQueue(label: "scenelens.find")
    private let storeQueue = DispatchQueue(label: "scenelens.store")
    /// Indexing and counting the whole file: below everything the user waits for,
    /// so loading an item never queues behind it.
    private let countQueue = DispatchQueue(label: "scenelens.count", qos: .utility)
    private let queryQueue = DispatchQueue(label: "scenelens.query", qos: .utility)
    /// Seconds between attempts of a write while the store's server is away (see `resend`).
    public var resendDelay: TimeInterval = EffectRunner.resendInterval
    private let resendLock = NSLock()
    private var stopped = false
    /// True once `stopResending` was called: a write waiting for the server gives up.
    var resendStopped: Bool { resendLock.withLock { stopped } }
    /// Ends every wait for the server (the program is quitting; what waited was not saved, and the user was told).
    public func stopResending() { resendLock.withLock { stopped = true } }

    /// A runner over `services`.
    public init(services: Services) {
        self.services = services
        items = ItemCache(source: services.source)
        images = ImageCache(source: services.source, decode: services.decode, decodeStored: services.decodeStored)
        counter = ReviewCounter(source: services.source, store: services.store)
        storeQueue.setSpecific(key: Self.onStoreQueue, value: true)
    }

    /// Runs `effect` in the background, posting its answer (if any) to `mailbox`.
    /// Every effect but a prefetch is announced to the mailbox (`Mailbox.expect`),
    /// so the loop can hold a frame until the answers of a key are all in.
    public func submit(_ effect: Effect, to mailbox: Mailbox) {
        let queue: DispatchQueue
        switch effect {
        case .cancelFind:
            // Now, not queued behind the search it stops.
            _ = perform(effect)
            return
        case .find(let from, let forward, let criterion, let includeStart):
            let gen = generation.begin()
            mailbox.expect()
            findQueue.async { [self] in
                let finder = Finder(runner: self, generation: gen, progress: { mailbox.post(.findProgress($0)) })
                mailbox.answer(finder.find(from: from, forward: forward, criterion: criterion, includeStart: includeStart))
            }
            return
        case .prefetch:
            imageQueue.async { [self] in _ = perform(effect) }
            return
        case .listMatches(let criterion):
            let gen = matchGeneration.begin()
            guard let criterion else { return }
            queryQueue.async { [self] in
                Finder(runner: self, generation: gen).all(criterion, isCurrent: { matchGeneration.isCurrent(gen) }) {
                    mailbox.post(.matchesListed($0))
                }
            }
            return
        case .listSorted(let field, let descending, let query):
            let gen = tableGeneration.begin()
            queryQueue.async { [self] in
                let (rows, without) = QueryWalk(runner: self, generation: gen).sorted(by: field, descending: descending, within: query)
                guard tableGeneration.isCurrent(gen) else { return }
                mailbox.post(.sortListed(rows, withoutValue: without, field: field, descending: descending, within: query?.text))
            }
            return
        case .countFilters(let filters):
            let gen = tableGeneration.begin()
            queryQueue.async { [self] in
                Finder(runner: self, generation: gen).counts(filters, isCurrent: { tableGeneration.isCurrent(gen) }) {
                    mailbox.post(.filtersCounted($0))
                }
            }
            return
        case .countTable(let fields, let query):
            let gen = tableGeneration.begin()
            queryQueue.async { [self] in
                let table = QueryWalk(runner: self, generation: gen).table(fields, within: query)
                guard tableGeneration.isCurrent(gen) else { return }
                mailbox.post(.tableCounted(table, fields: fields.map(\.name), within: query?.text))
            }
            return
        case .countQuery(let query):
            // Not announced: a count of a large dataset runs for seconds, and
            // frames must not wait for it; it posts as it goes.
            let gen = countGeneration.begin()
            guard let query else { return }
            queryQueue.async { [self] in
                QueryWalk(runner: self, generation: gen).count(query) { mailbox.post(.queryCounted($0)) }
            }
            return
        case .loadImage: queue = imageQueue
        case .goto:
            queue = findQueue
            _ = generation.begin()
        case .record, .setNote, .setTags:
            mailbox.expect()
            storeQueue.async { [self] in resend(effect, to: mailbox) }
            return
        case .undo, .loadDecisions, .teamClaim: queue = storeQueue
        default: queue = workQueue
        }
        mailbox.expect()
        queue.async { [self] in mailbox.answer(perform(effect)) }
    }

    /// The answer to `effect` when it needs no work: the item, the image at that
    /// size, or the lints already in their caches (an item shown a moment ago).
    /// Nil: `submit` it. The loop uses this to draw such an item in one frame.
    public func answerNow(_ effect: Effect) -> Msg? {
        switch effect {
        case .loadItem(let i):
            return items.cached(i).map { .itemLoaded($0) }
        case .loadImage(let id, let source, let w, let h, let stored):
            return images.cachedLoaded(id, source, width: w, height: h, stored: stored).map { .imageReady($0) }
        case .lint(let item):
            return lintCache.cached(item).map { .lintsReady(itemID: item.id, $0) }
        default:
            return nil
        }
    }

    /// Drops work a later effect of the same turn makes pointless: a held-down
    /// `n` asks for many items, only the last one is still wanted; `quit` is the loop's business.
    public static func coalesce(_ effects: [Effect]) -> [Effect] {
        let lastLoad = effects.lastIndex { if case .loadItem = $0 { return true }; return false }
        let lastImage = effects.lastIndex { if case .loadImage = $0 { return true }; return false }
        return effects.enumerated().compactMap { i, e in
            switch e {
            case .loadItem: return i == lastLoad ? e : nil
            case .loadImage(let id, _, _, _, _):
                // The item's own picture asked for beside its counterfactual stays with it.
                guard let lastImage, i != lastImage else { return e }
                if case .loadImage(let last, _, _, _, _) = effects[lastImage], i < lastImage,
                   last.hasPrefix(id + "\u{1F}") { return e }
                return nil
            case .quit: return nil
            default: return e
            }
        }
    }

    /// Starts indexing the whole dataset in the background, posting progress,
    /// then the number of negatives and this annotator's review counts.
    public func startIndexing(to mailbox: Mailbox) {
        let source = services.source
        // Claimed now, so a decision read before the count starts does not count everything itself.
        let countReviews = counter.claim()
        services.team?.startHeartbeat(to: mailbox)
        countQueue.async { [self] in
            // The decided negatives first: the next unfinished item is asked for on the last key of an item.
            loadDecided()
            let last = Box(-1.0)
            source.indexAll { count, fraction, done in
                // A message per percent is plenty for a status bar.
                if done || fraction - last.value >= 0.01 {
                    last.value = fraction
                    mailbox.post(.indexProgress(count: count, fraction: fraction, done: done))
                }
            }
            // `:` looks ids up before numbers: have the id map ready before the user asks.
            // Until it is, decisions are shown and taken without knowing whether an
            // item's id repeats; once it is, the item on screen is checked again.
            _ = source.index(ofID: "")
            mailbox.post(.idsKnown)
            // The status bar's "reviewed k of N": k first (decisions are usually
            // few, and without them the bar shows no counts), then N, the
            // negatives of the whole file.
            if countReviews {
                counter.countAll(onStore: { body in storeQueue.sync { body() } }) { mailbox.post(.reviewCounted($0)) }
            }
            mailbox.post(.negativeTotal(source.negativeTotal()))
            startSummary(to: mailbox)
        }
    }

    /// Leaves the status bar's review counts uncounted on this thread: they
    /// read every decision and the item of each (issue 17: `render --item 0`
    /// of a large file with a store), so the bar says they are being counted,
    /// as the inspector's first frame does before its background count ends.
    public func leaveReviewCountsUncounted() { _ = counter.claim() }

    /// Makes the summary in the background (on every core), posting its
    /// progress about once a percent; counts, tables and lists use it once it is ready.
    func startSummary(to mailbox: Mailbox) {
        guard services.summary != nil else { return }
        summaryQueue.async { [self] in
            let last = Box(-1.0)
            mailbox.post(.summaryProgress(fraction: 0, done: false))
            makeSummary { done, total in
                let f = total == 0 ? 1 : Double(done) / Double(total)
                if f - last.value >= 0.01 { last.value = f; mailbox.post(.summaryProgress(fraction: f, done: false)) }
            }
            mailbox.post(.summaryProgress(fraction: 1, done: true))
        }
    }

    /// Makes the summary here and keeps it for the counts (what `startSummary` runs in the background).
    func makeSummary(progress: @escaping @Sendable (Int, Int) -> Void) {
        guard let make = services.summary else { return }
        let made = make(progress)
        summaryLock.withLock { readySummary = made }
    }

    /// Does `effect` now, on this thread, and returns its answer.
    public func perform(_ effect: Effect) -> Msg? {
        switch effect {
        case .loadItem(let i):
            return .itemLoaded(items.item(i))
        case .prefetch(let i):
            guard i < services.source.count || !services.source.isFullyIndexed else { return nil }
            if let it = items.item(i).item { _ = images.decoded(it.id, it.image) }
            return nil
        case .loadImage(let id, let source, let w, let h, let stored):
            return .imageReady(images.loaded(id, source, width: w, height: h, stored: stored))
        case .loadDecisions(let item):
            let id = item.id
            // No store: nothing is decided, and nothing is left to count.
            guard let store = services.store else { return .decisionsLoaded(itemID: id, [:], ReviewSummary()) }
            // Decisions on an id several items have cannot say which one they judged: show none.
            // Not waiting for the ids of a large file: `.idsKnown` checks again once they are read.
            let shared = services.source.knownPositions(sharingID: id) ?? []
            if !shared.isEmpty { return .decisionsLoaded(itemID: id, [:], counter.summary(), sharedBy: shared) }
            do {
                let ds = try store.decisions(itemID: id)
                return .decisionsLoaded(itemID: id, ds, counter.summary(), stale: staleIDs(ds, item: item))
            }
            catch { return .failed("reading decisions: \(error)") }
        case .record(let key, let verdict, let item, let note, let tags):
            // `update` checked the negative against the rule of what cannot be decided; this records it.
            guard let store = services.store else { return .failed("no review store") }
            let hash = item.negative(key.negativeID).map { services.contentHash($0, item) } ?? ""
            do {
                let d = try store.record(key, verdict: verdict, contentHash: hash, note: note, tags: tags)
                decided.recorded(key)
                return .decisionSaved(d, counter.recount(itemID: key.itemID, item: item))
            } catch { return Self.writeFailed("saving the decision", error, unsent: "\(verdict.rawValue) on \(key.negativeID)") }
        case .setNote(let key, let note):
            guard let store = services.store else { return .failed("no review store") }
            do {
                _ = try store.setNote(key, note: note)
                return .noteSaved(key, note)
            } catch { return Self.writeFailed("saving the note", error, unsent: "the note on \(key.negativeID)") }
        case .setTags(let key, let tags):
            guard let store = services.store else { return .failed("no review store") }
            do {
                return .tagsSaved(key, try store.setTags(key, tags: tags)?.tags)
            } catch { return Self.writeFailed("saving the tags", error, unsent: "the tags on \(key.negativeID)") }
        case .undo:
            guard let store = services.store else { return .failed("no review store") }
            do {
                let result = try store.undoLast()
                if let result, var mark = decided.undone(result, position: items.position(ofCachedID: result.key.itemID)),
                   let identity = services.source.identity {
                    // The undo made the stored mark invalid; the one kept here still holds (a hint: a failure only costs a longer walk).
                    mark.place = services.source.place(ofItem: mark.position)
                    try? store.saveResumeMark(dataset: identity, mark: mark)
                }
                let summary = result.map { counter.recount(itemID: $0.key.itemID, item: nil) } ?? counter.summary()
                return .undone(result.map(Undone.init), summary)
            }
            catch { return .failed("undo: \(error)") }
        case .find(let from, let forward, let criterion, let includeStart):
            let gen = generation.begin()
            return Finder(runner: self, generation: gen).find(from: from, forward: forward, criterion: criterion, includeStart: includeStart)
        case .goto(let text):
            return Finder.goto(text, in: services.source)
        case .lint(let item):
            return .lintsReady(itemID: item.id, lintCache.lints(of: item, services.lint))
        case .cancelFind:
            generation.cancel()
            return nil
        case .listMatches(let criterion):
            let gen = matchGeneration.begin()
            guard let criterion else { return nil }
            var last: MatchList?
            Finder(runner: self, generation: gen).all(criterion, isCurrent: { matchGeneration.isCurrent(gen) }) { last = $0 }
            return last.map { .matchesListed($0) }
        case .listSorted(let field, let descending, let query):
            let gen = tableGeneration.begin()
            let (rows, without) = QueryWalk(runner: self, generation: gen).sorted(by: field, descending: descending, within: query)
            return .sortListed(rows, withoutValue: without, field: field, descending: descending, within: query?.text)
        case .countFilters(let filters):
            let gen = tableGeneration.begin()
            var last: FilterPicker.Counts?
            Finder(runner: self, generation: gen).counts(filters, isCurrent: { tableGeneration.isCurrent(gen) }) { last = $0 }
            return last.map { .filtersCounted($0) }
        case .countTable(let fields, let query):
            let gen = tableGeneration.begin()
            let table = QueryWalk(runner: self, generation: gen).table(fields, within: query)
            return .tableCounted(table, fields: fields.map(\.name), within: query?.text)
        case .countQuery(let query):
            // Run here to the end (headless, tests); `submit` runs it in the background.
            let gen = countGeneration.begin()
            guard let query else { return nil }
            var last: QueryCount?
            QueryWalk(runner: self, generation: gen).count(query) { last = $0 }
            return last.map { .queryCounted($0) }
        case .teamClaim:
            return services.team?.claim() ?? .failed("not a team project")
        case .quit:
            return nil
        }
    }

    /// A clean quit of a team project: the heartbeat stops and the leases are given back.
    public func finishTeam() throws { try services.team?.finish() }

    var source: ItemSource { services.source }
    /// Reads the decided negatives unless they are in memory, on the store's
    /// queue (so no record or undo can fall between the read and its use).
    func loadDecided() {
        decided.load(from: services.store) { body in onStore(body) }
    }

    /// `loadDecided` in the background, once.
    func loadDecidedInBackground() {
        guard services.store != nil, decided.claimLoad() else { return }
        countQueue.async { [self] in loadDecided() }
    }

    private func onStore(_ body: () -> Void) {
        if DispatchQueue.getSpecific(key: Self.onStoreQueue) == true { body() } else { storeQueue.sync { body() } }
    }

    /// Where resuming starts walking: the store's mark for this dataset when
    /// the item there is the one it names; nil: from the top.
    func resumeStart() -> Int? {
        guard let store = services.store, let identity = services.source.identity else { return nil }
        var mark: ResumeMark?
        onStore { mark = try? store.resumeMark(dataset: identity) }
        guard let mark, mark.position > 0 else { return nil }
        // The line index starts at the mark's line when it is still there (the lines before are indexed in the background).
        if let place = mark.place { _ = services.source.startIndexing(at: place, item: mark.position) }
        guard items.item(mark.position).item?.id == mark.itemID else { return nil }
        decided.start(at: mark)
        return mark.position
    }

    /// A walk from `first` found `mark.position` the first unfinished item:
    /// the finished part grows and the store's mark with it (after the
    /// answer, on the store's queue: it is a hint, not a decision).
    func walked(from first: Int, to mark: ResumeMark, undosBefore: Int) {
        guard services.store != nil, let identity = services.source.identity else { return }
        storeQueue.async { [self] in
            if decided.extend(to: mark, walkedFrom: first, undosBefore: undosBefore) {
                var mark = mark
                mark.place = services.source.place(ofItem: mark.position)
                try? services.store?.saveResumeMark(dataset: identity, mark: mark)
            }
        }
    }

    /// Waits for the store calls queued so far (tests).
    func waitForStore() { storeQueue.sync {} }
    private static let onStoreQueue = DispatchSpecificKey<Bool>()
    var store: DecisionStore? { services.store }

    /// Ids of the decisions on `item` made on content that has changed since.
    func staleIDs(_ decisions: [String: Decision], item: Item) -> Set<String> {
        Set(decisions.compactMap { id, d in
            guard let n = item.negative(id) else { return nil }
            return d.contentHash != services.contentHash(n, item) ? id : nil
        })
    }
    var lintItem: @Sendable (Item) -> ItemLints { services.lint }

    /// This annotator's decisions on item `id` (none when there is no store or it cannot be read).
    func decisions(itemID id: String) -> [Decision] {
        ((try? services.store?.decisions(itemID: id)) ?? [:]).map(\.value)
    }
}

/// Messages from the background, waiting for the input loop, and how many
/// answers the loop is still waiting for: a key's effects (item, image, lints,
/// decisions, a save) answer separately, and the loop draws one frame once
/// they are all in rather than one frame per answer (`Program`).
public final class Mailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var queue: [Msg] = []
    private var awaited = 0
    private let waker: Waker?
    /// An empty mailbox; posting wakes `waker`, so a loop asleep on it draws the answer at once.
    public init(waker: Waker? = nil) { self.waker = waker }
    /// Adds a message; any thread.
    public func post(_ m: Msg) {
        lock.withLock { queue.append(m) }
        waker?.wake()
    }
    /// An answer is on its way: `answer` must be called once for it.
    public func expect() { lock.withLock { awaited += 1 } }
    /// The answer `expect` announced (nil: the effect had none to give), posted
    /// and counted off together, so the loop never sees one without the other.
    public func answer(_ m: Msg?) {
        lock.withLock {
            if let m { queue.append(m) }
            awaited -= 1
        }
        waker?.wake()
    }
    /// True while an answer announced by `expect` has not come.
    public var awaitingAnswers: Bool { lock.withLock { awaited > 0 } }
    /// Takes every waiting message, oldest first.
    public func drain() -> [Msg] { lock.withLock { defer { queue.removeAll() }; return queue } }
}

/// A mutable value shared with a callback that runs on one thread at a time.
private final class Box<T>: @unchecked Sendable {
    var value: T
    init(_ v: T) { value = v }
}
