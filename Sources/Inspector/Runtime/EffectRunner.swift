import Foundation
import Imaging
import Review
import SceneData
import TerminalUI

/// Runs effects: parses items, decodes and shrinks images, talks to the
/// decision store, searches. `perform` does one effect and returns its answer
/// (the `render` command uses it directly); `submit` runs it on a background
/// queue and posts the answer to a `Mailbox`.
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
        /// Services from their parts; hash and lint default to none.
        public init(source: ItemSource, store: DecisionStore?, decode: @escaping @Sendable ([UInt8]) throws -> RGBAImage,
                    contentHash: @escaping @Sendable (Negative, Item) -> String = { _, _ in "" },
                    lint: @escaping @Sendable (Item) -> ItemLints = { _ in .none }) {
            self.source = source; self.store = store; self.decode = decode
            self.contentHash = contentHash; self.lint = lint
        }
    }

    private let services: Services
    private let lock = NSLock()
    private var items = LRU<Int, LoadedItem>(capacity: 16)
    private var images = LRU<String, Result<RGBAImage, ImageFailure>>(capacity: 6)
    private var findGeneration = 0
    private let workQueue = DispatchQueue(label: "scenelens.work")
    private let imageQueue = DispatchQueue(label: "scenelens.image")
    private let findQueue = DispatchQueue(label: "scenelens.find")
    private let storeQueue = DispatchQueue(label: "scenelens.store")
    /// Indexing and counting the whole file: below everything the user waits for,
    /// so loading an item never queues behind it.
    private let countQueue = DispatchQueue(label: "scenelens.count", qos: .utility)
    private let tally = ReviewTally()

    /// The largest side kept for a decoded image: a pane in pixels, or a zoom
    /// into a 2-megapixel photo at its full resolution, never needs more.
    static let keptSide = 2048

    /// A runner over `services`.
    public init(services: Services) { self.services = services }

    /// Runs `effect` in the background, posting its answer (if any) to `mailbox`.
    public func submit(_ effect: Effect, to mailbox: Mailbox) {
        let queue: DispatchQueue
        switch effect {
        case .cancelFind:
            // Now, not queued behind the search it stops.
            _ = perform(effect)
            return
        case .find(let from, let forward, let criterion, let includeStart):
            let gen = lock.withLock { findGeneration += 1; return findGeneration }
            findQueue.async { [self] in
                let finder = Finder(runner: self, generation: gen, progress: { mailbox.post(.findProgress($0)) })
                if let m = finder.find(from: from, forward: forward, criterion: criterion, includeStart: includeStart) { mailbox.post(m) }
            }
            return
        case .loadImage, .prefetch: queue = imageQueue
        case .goto: queue = findQueue
            lock.withLock { findGeneration += 1 }
        case .record, .setNote, .setTags, .undo, .loadDecisions: queue = storeQueue
        default: queue = workQueue
        }
        queue.async { [self] in
            if let m = perform(effect) { mailbox.post(m) }
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
            case .loadImage: return i == lastImage ? e : nil
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
        let countReviews = services.store != nil && tally.begin()
        countQueue.async { [self] in
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
                let counts = countReviewed { body in storeQueue.sync { body() } }
                tally.finish(counts) { mailbox.post(.reviewCounted($0)) }
            }
            mailbox.post(.negativeTotal(source.negativeTotal()))
        }
    }

    /// This annotator's counts per decided item, each item counted as `stats` counts it.
    /// `onStore` runs store calls where the store is used (its queue, or here).
    private func countReviewed(onStore: (() -> Void) -> Void) -> [String: ReviewSummary] {
        guard let store = services.store else { return [:] }
        var all: [NegativeKey: Decision] = [:]
        onStore { all = (try? store.currentDecisions()) ?? [:] }
        var byItem: [String: [Decision]] = [:]
        for d in all.values { byItem[d.key.itemID, default: []].append(d) }
        var counts: [String: ReviewSummary] = [:]
        for (id, ds) in byItem {
            // Decisions on an id several items have are ambiguous: they count nothing, as in `stats`.
            if !services.source.positions(sharingID: id).isEmpty { continue }
            // Decisions on an item that is gone are orphaned: they count nothing.
            let item = services.source.index(ofID: id).flatMap { services.source.load($0).item }
            counts[id] = ReviewTally.count(item, ds)
        }
        return counts
    }

    /// The review counts, counting them here first when nothing has (`render`, tests).
    private func reviewSummary() -> ReviewSummary? {
        if tally.notStarted, tally.begin() {
            tally.finish(countReviewed { $0() }) { _ in }
        }
        return tally.summary
    }

    /// Re-counts item `id` after a change to its decisions; the new summary when known.
    /// A failed read leaves the counts as they were: the change itself did happen.
    private func recount(itemID id: String, _ store: DecisionStore) -> ReviewSummary? {
        _ = reviewSummary()
        guard let ds = try? store.decisions(itemID: id) else { return nil }
        if services.source.knownPositions(sharingID: id)?.isEmpty == false { return tally.update(itemID: id, ReviewSummary()) }
        let item = lock.withLock { items.values.first { $0.item?.id == id } }?.item
            ?? services.source.index(ofID: id).flatMap { services.source.load($0).item }
        return tally.update(itemID: id, ReviewTally.count(item, Array(ds.values)))
    }

    /// Does `effect` now, on this thread, and returns its answer.
    public func perform(_ effect: Effect) -> Msg? {
        switch effect {
        case .loadItem(let i):
            return .itemLoaded(item(i))
        case .prefetch(let i):
            guard i < services.source.count || !services.source.isFullyIndexed else { return nil }
            let loaded = item(i)
            if let it = loaded.item { _ = decoded(it.id, it.image) }
            return nil
        case .loadImage(let id, let source, let w, let h):
            return .imageReady(image(id, source, width: w, height: h))
        case .loadDecisions(let id):
            // No store: nothing is decided, and nothing is left to count.
            guard let store = services.store else { return .decisionsLoaded(itemID: id, [:], ReviewSummary()) }
            // Decisions on an id several items have cannot say which one they judged: show none.
            // Not waiting for the ids of a large file: `.idsKnown` checks again once they are read.
            let shared = services.source.knownPositions(sharingID: id) ?? []
            if !shared.isEmpty { return .decisionsLoaded(itemID: id, [:], reviewSummary(), sharedBy: shared) }
            do {
                let ds = try store.decisions(itemID: id)
                let item = lock.withLock { items.values.first { $0.item?.id == id } }?.item
                return .decisionsLoaded(itemID: id, ds, reviewSummary(), stale: staleIDs(ds, item: item))
            }
            catch { return .failed("reading decisions: \(error)") }
        case .record(let key, let verdict, let note, let tags):
            guard let store = services.store else { return .failed("no review store") }
            // Pressed before the item's decisions (and so the repeat) were known: refused here.
            if let refusal = sharedIDRefusal(key.itemID) { return .failed(refusal) }
            let hash = lock.withLock { items.values.first { $0.item?.id == key.itemID } }?.item.flatMap { it in
                it.negative(key.negativeID).map { services.contentHash($0, it) }
            } ?? ""
            do {
                let d = try store.record(key, verdict: verdict, contentHash: hash, note: note, tags: tags)
                return .decisionSaved(d, recount(itemID: key.itemID, store))
            } catch { return .failed("saving the decision: \(error)") }
        case .setNote(let key, let note):
            guard let store = services.store else { return .failed("no review store") }
            if let refusal = sharedIDRefusal(key.itemID) { return .failed(refusal) }
            do {
                _ = try store.setNote(key, note: note)
                return .noteSaved(key, note)
            } catch { return .failed("saving the note: \(error)") }
        case .setTags(let key, let tags):
            guard let store = services.store else { return .failed("no review store") }
            do {
                return .tagsSaved(key, try store.setTags(key, tags: tags)?.tags)
            } catch { return .failed("saving the tags: \(error)") }
        case .undo:
            guard let store = services.store else { return .failed("no review store") }
            do {
                let result = try store.undoLast()
                let summary = result.map { recount(itemID: $0.key.itemID, store) } ?? reviewSummary()
                return .undone(result.map(Undone.init), summary)
            }
            catch { return .failed("undo: \(error)") }
        case .find(let from, let forward, let criterion, let includeStart):
            let gen = lock.withLock { findGeneration }
            return Finder(runner: self, generation: gen).find(from: from, forward: forward, criterion: criterion, includeStart: includeStart)
        case .goto(let text):
            return goto(text)
        case .lint(let id):
            guard let it = lock.withLock({ items.values.first { $0.item?.id == id } })?.item else { return nil }
            return .lintsReady(itemID: id, services.lint(it))
        case .cancelFind:
            lock.withLock { findGeneration += 1 }
            return nil
        case .quit:
            return nil
        }
    }

    /// The refusal for a decision on item id `id` when several items are known
    /// to have it. While the ids of a large file are still being read the
    /// decision is taken: stats and export check the ids themselves and leave
    /// out decisions on a repeated one, and the inspector shows it as such once
    /// the ids are known, so nothing is exported for the wrong item.
    private func sharedIDRefusal(_ id: String) -> String? {
        let shared = services.source.knownPositions(sharingID: id) ?? []
        guard !shared.isEmpty else { return nil }
        return "\(id) is the id of \(shared.count) items: fix the dataset (validate reports it); not saved"
    }

    /// Item `i`, from the cache or parsed now.
    func item(_ i: Int) -> LoadedItem {
        if let hit = lock.withLock({ items[i] }) { return hit }
        let loaded = services.source.load(i)
        lock.withLock { items[i] = loaded }
        return loaded
    }

    var source: ItemSource { services.source }
    var store: DecisionStore? { services.store }
    /// The content hash a decision on `negative` would record now.
    func contentHash(_ negative: Negative, _ item: Item) -> String { services.contentHash(negative, item) }

    /// Ids of the decisions on `item` made on content that has changed since.
    func staleIDs(_ decisions: [String: Decision], item: Item?) -> Set<String> {
        guard let item else { return [] }
        return Set(decisions.compactMap { id, d in
            guard let n = item.negative(id) else { return nil }
            return d.contentHash != services.contentHash(n, item) ? id : nil
        })
    }
    var lintItem: @Sendable (Item) -> ItemLints { services.lint }

    /// True while no newer search has been asked for.
    func isCurrent(_ generation: Int) -> Bool { lock.withLock { findGeneration <= generation } }

    private func goto(_ text: String) -> Msg {
        if let i = services.source.index(ofID: text) { return .found(index: i, negativeIndex: nil, reason: "") }
        if let n = Int(text.trimmingCharacters(in: .whitespaces)), n >= 1 {
            _ = services.source.load(n - 1)
            if n - 1 < services.source.count { return .found(index: n - 1, negativeIndex: nil, reason: "") }
            return .found(index: nil, negativeIndex: nil, reason: "there is no item \(n) (the dataset has \(services.source.count))")
        }
        return .found(index: nil, negativeIndex: nil, reason: "no item has the id \"\(text)\"")
    }

    private struct ImageFailure: Error { var message: String }

    /// The decoded image of an item, shrunk to `keptSide`, from the cache or decoded now.
    private func decoded(_ id: String, _ source: ImageSource) -> Result<RGBAImage, ImageFailure> {
        if let hit = lock.withLock({ images[id] }) { return hit }
        let result: Result<RGBAImage, ImageFailure>
        do {
            let bytes = try services.source.imageBytes(for: source)
            var img = try services.decode(bytes)
            let side = max(img.width, img.height)
            if side > Self.keptSide {
                let s = Double(Self.keptSide) / Double(side)
                img = img.resampled(width: max(1, Int(Double(img.width) * s)), height: max(1, Int(Double(img.height) * s)))
            }
            result = .success(img)
            lock.withLock { images[id] = result }
            return result
        } catch {
            result = .failure(ImageFailure(message: "\(error)"))
        }
        lock.withLock { images[id] = result }
        return result
    }

    /// The item's image fitted into `width` x `height` pixels, keeping its shape;
    /// `height` counts half-block pixels (two per row) so pixels stay square.
    private func image(_ id: String, _ source: ImageSource, width: Int, height: Int) -> LoadedImage {
        switch decoded(id, source) {
        case .failure(let f):
            return LoadedImage(itemID: id, image: nil, error: f.message, originalWidth: 0, originalHeight: 0)
        case .success(let img):
            let fit = Self.fit(imageWidth: img.width, imageHeight: img.height, width: width, height: height)
            let out = img.resampled(width: fit.width, height: fit.height)
            return LoadedImage(itemID: id, image: out, error: nil, originalWidth: img.width, originalHeight: img.height)
        }
    }

    /// The largest size of the image's shape inside width x height.
    static func fit(imageWidth iw: Int, imageHeight ih: Int, width: Int, height: Int) -> (width: Int, height: Int) {
        guard iw > 0, ih > 0, width > 0, height > 0 else { return (max(1, width), max(1, height)) }
        let s = min(Double(width) / Double(iw), Double(height) / Double(ih))
        return (max(1, min(width, Int(Double(iw) * s))), max(1, min(height, Int(Double(ih) * s))))
    }
}

/// Messages from the background, waiting for the input loop.
public final class Mailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var queue: [Msg] = []
    private let waker: Waker?
    /// An empty mailbox; posting wakes `waker`, so a loop asleep on it draws the answer at once.
    public init(waker: Waker? = nil) { self.waker = waker }
    /// Adds a message; any thread.
    public func post(_ m: Msg) {
        lock.withLock { queue.append(m) }
        waker?.wake()
    }
    /// Takes every waiting message, oldest first.
    public func drain() -> [Msg] { lock.withLock { defer { queue.removeAll() }; return queue } }
}

/// A mutable value shared with a callback that runs on one thread at a time.
private final class Box<T>: @unchecked Sendable {
    var value: T
    init(_ v: T) { value = v }
}
