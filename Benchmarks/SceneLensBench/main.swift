// scenelens-bench: the in-process figures of Benchmarks/run.sh. Each
// subcommand prints one JSON object of raw samples (seconds); bench.py turns
// them into medians, percentiles and ratios. Not a test: it asserts nothing.
import Foundation
import Inspector
import Query
import Review
import SceneData
import TerminalUI

struct Failure: Error, CustomStringConvertible { var description: String }

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func option(_ name: String, in args: [String], default value: Int) throws -> Int {
    guard let i = args.firstIndex(of: name) else { return value }
    guard i + 1 < args.count, let v = Int(args[i + 1]) else { throw Failure(description: "\(name) takes a number") }
    return v
}

func emit(_ object: [String: Any]) throws {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}

/// This process's peak resident memory in KiB (VmHWM), or -1. Read here
/// rather than from the parent's rusage: a child's ru_maxrss starts at the
/// size of the process that forked it (Python's 16 MB), which hides a small
/// static executable's own peak.
func peakResidentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
    }
    return -1
}

/// Opens and indexes every line: the work of `Dataset` alone.
func index(_ path: String) throws {
    let t0 = now()
    let ds = try Dataset.open(path: path)
    ds.indexAll()
    let seconds = now() - t0
    try emit(["items": ds.count, "seconds": seconds, "peak_rss_kib": peakResidentKiB()])
}

/// An app over the dataset, fully indexed, on its first item.
func makeApp(_ path: String, width: Int, height: Int) throws -> (AppState, EffectRunner) {
    let ds = try Dataset.open(path: path)
    ds.indexAll()
    let runner = EffectRunner(services: .standard(source: DatasetSource(ds), store: nil))
    var state = AppState(width: width, height: height, datasetName: path, annotator: "bench", imageMode: .truecolor)
    state.nav.itemCount = ds.count
    state.nav.fullyIndexed = true
    Headless.settle(&state, InspectorApp.start(&state, at: 0), runner: runner)
    _ = InspectorApp.view(state)
    return (state, runner)
}

/// Keystroke to frame, two ways: `frame` is update plus view, what the
/// inspector draws right after a key (item loads and image decodes then run in
/// the background); `settled` also runs every effect the key caused, on this
/// thread, and draws again: the worst case, as if nothing were prefetched.
func keys(_ path: String, count: Int, width: Int, height: Int) throws {
    var (state, runner) = try makeApp(path, width: width, height: height)
    // Mostly forward through items as an annotator does, with negatives,
    // pane scrolling and an occasional step back.
    let pattern: [Key] = [.char("n"), .char("]"), .char("]"), .char("n"), .char("j"), .char("j"),
                          .char("n"), .char("["), .char("p"), .char("n"), .tab, .char("j"), .backTab]
    var frame: [Double] = [], settled: [Double] = []
    frame.reserveCapacity(count); settled.reserveCapacity(count)
    for i in 0..<count {
        let k = pattern[i % pattern.count]
        let t0 = now()
        let effects = InspectorApp.update(&state, .key(k))
        let first = InspectorApp.view(state)
        let t1 = now()
        Headless.settle(&state, effects, runner: runner)
        let last = InspectorApp.view(state)
        let t2 = now()
        frame.append(t1 - t0)
        settled.append(t2 - t0)
        if first.width != width || last.width != width { throw Failure(description: "frame has the wrong size") }
    }
    try emit(["frame": frame, "settled": settled, "items": state.nav.itemCount, "last_index": state.nav.index])
}

/// A random jump after indexing: `:N<Enter>` to a random item, then a frame.
func jump(_ path: String, count: Int) throws {
    var (state, runner) = try makeApp(path, width: 160, height: 48)
    var rng = SystemRandomNumberGenerator()
    var samples: [Double] = []
    for _ in 0..<count {
        let n = Int.random(in: 1...max(1, state.nav.itemCount), using: &rng)
        let ks = try Headless.parseKeys(":\(n)<Enter>")
        let t0 = now()
        Headless.press(&state, ks, runner: runner)
        _ = InspectorApp.view(state)
        samples.append(now() - t0)
        if state.nav.index != n - 1 { throw Failure(description: "jump to \(n) landed on \(state.nav.index + 1)") }
    }
    try emit(["samples": samples])
}

/// Durable accepts: the time `record` takes to return, which is when the
/// inspector shows the decision as saved.
func decisions(storePath: String, count: Int) throws {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storePath + suffix) }
    let store = try SQLiteReviewStore(path: storePath, annotator: "bench")
    var samples: [Double] = []
    for i in 0..<count {
        let key = NegativeKey(itemID: "item-\(i / 3)", negativeID: "n\(i % 3)")
        let t0 = now()
        try store.record(key, verdict: i % 4 == 0 ? .reject : .accept, contentHash: "fnv1a64:0", note: nil, tags: nil)
        samples.append(now() - t0)
    }
    try emit(["samples": samples])
}

/// The floor under any durable write on this disk: a few bytes appended and
/// `fsync`ed, as SQLite's WAL commit does once per decision.
func fsyncFloor(path: String, count: Int) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0o644)
    guard fd >= 0 else { throw Failure(description: "\(path): \(String(cString: strerror(errno)))") }
    defer { close(fd); unlink(path) }
    let record = [UInt8](repeating: 0x2A, count: 128)
    var samples: [Double] = []
    for _ in 0..<count {
        let t0 = now()
        let n = record.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard n == record.count, fsync(fd) == 0 else { throw Failure(description: "\(path): write or fsync failed") }
        samples.append(now() - t0)
    }
    try emit(["samples": samples])
}

/// JSON alone, over every line of a file: each line parsed in full into
/// values, then the inspector's background negative count (`negativeTotal`,
/// which validates every line without building values); `rounds` of each.
func json(_ path: String, rounds: Int) throws {
    let ds = try Dataset.open(path: path)
    ds.indexAll()
    var parse: [Double] = [], count: [Double] = []
    var parsed = 0, negatives = 0
    for _ in 0..<rounds {
        var t0 = now()
        parsed = 0
        ds.forEachRawLine { _, line in if (try? JSONParser.parse(Array(line))) != nil { parsed += 1 } }
        parse.append(now() - t0)
        t0 = now()
        negatives = ds.negativeTotal()
        count.append(now() - t0)
    }
    try emit(["items": ds.count, "parsed": parsed, "negatives": negatives, "parse": parse, "count": count])
}

/// A store in which `annotator` has decided every decidable negative of the
/// first `items` items of `path` (accept, the content hash of the negative as
/// the inspector records it), written through the store API in one
/// transaction (`importRecords`): the "third of a million items decided" of
/// the scaling figures without a million separate commits. Each decision has
/// its change-log entry, as `record` writes, so undo works on it.
func decide(_ path: String, storePath: String, items: Int, annotator: String) throws {
    let t0 = now()
    let ds = try Dataset.open(path: path)
    _ = ds.item(at: max(items - 1, 0))
    let n = min(items, ds.count)
    let when = Date(timeIntervalSince1970: 1_780_000_000)
    let perItem: [[Decision]] = ParallelMap.map(0..<n) { i in
        guard let item = ds.item(at: i).item else { return [] }
        let shared = item.duplicateNegativeIDs
        return item.negatives.compactMap { neg in
            guard Undecidable.reason(neg, in: item, itemIDRepeats: false, duplicateNegativeIDs: shared) == nil else { return nil }
            return Decision(key: NegativeKey(itemID: item.id, negativeID: neg.id), annotator: annotator, verdict: .accept,
                            time: when, contentHash: ContentHash.of(neg, in: item))
        }
    }
    let decisions = perItem.flatMap { $0 }
    let history = decisions.enumerated().map { k, d in
        HistoryEntry(id: Int64(k + 1), annotator: annotator, key: d.key, action: "record", before: nil, after: d, time: d.time, undoneBy: nil)
    }
    let t1 = now()
    let store = try SQLiteReviewStore(path: storePath, annotator: annotator, readOnly: false)
    try store.importRecords(decisions: decisions, history: history, settlements: [])
    try emit(["items": n, "decisions": decisions.count, "read": t1 - t0, "write": now() - t1])
}

/// Sets `annotator`'s resume mark for `path` at item `position`, as the
/// inspector leaves it after a session that finished the items before it in
/// order (each "next unfinished item" walk moves it): the state of a store
/// made by `decide` had the decisions been made in the inspector.
func mark(_ path: String, storePath: String, position: Int, annotator: String, withPlace: Bool = true) throws {
    let source = DatasetSource(try Dataset.open(path: path))
    guard let id = source.load(position).item?.id, let identity = source.identity else {
        throw Failure(description: "no item \(position) in \(path)")
    }
    let store = try SQLiteReviewStore(path: storePath, annotator: annotator, readOnly: false)
    // With the line's place (`--no-place`: without, as a store written before places were kept).
    let place = withPlace ? source.place(ofItem: position) : nil
    try store.saveResumeMark(dataset: identity, mark: ResumeMark(position: position, itemID: id, place: place))
    try emit(["position": position, "item": id, "offset": place.map { Int($0.offset) } ?? -1])
}

/// The summary in memory, as the inspector holds it once made: reading the
/// file, then a query's full count, a frequency table and text searches over it.
func summary(_ file: String) throws {
    var t = now()
    guard case .success(let kept) = SummaryFile.read(file) else { throw Failure(description: "\(file): not a summary") }
    let read = now() - t
    t = now()
    let index = SummaryIndex(kept)
    let indexed = now() - t
    let items = NoItems(count: index.count)
    func time(_ body: () throws -> Void) rethrows -> [Double] {
        try (0..<3).map { _ in let t = now(); try body(); return now() - t }
    }
    var out: [String: Any] = ["items": index.count, "read": read, "index": indexed]
    for (name, text) in [("count", "operator=swap and lint=same-answer"), ("count_numbers", "j<0.5 and confidence>0.7"),
                         ("text_none", "text~zzzqqq")] {
        let q = try QueryExpr.parse(text)
        out[name] = time { _ = DatasetQuery.run(q, items: items, sources: .init(), summary: index) }
    }
    let fields = try FrequencyTable.fields("operator,lint")
    out["table"] = time { _ = FrequencyTable.count(by: fields, items: items, matches: nil, sources: .init(), summary: index) }
    out["search_candidates"] = time { _ = index.text.candidates("cylinder") }
    try emit(out)
}

/// No items: what the summary answers needs none (text tests that need an item read nothing).
struct NoItems: ReviewItemSource, Sendable {
    var count: Int
    var itemCount: Int { count }
    func reviewItem(at index: Int) -> Item? { nil }
    func reviewItem(id: String) -> Item? { nil }
    func absolutePath(_ path: String) -> String { path }
    func outsideFolder(_ path: String) -> String? { nil }
}

let args = Array(CommandLine.arguments.dropFirst())
do {
    switch (args.first, args.count) {
    case ("index", 2...): try index(args[1])
    case ("keys", 2...):
        try keys(args[1], count: try option("--count", in: args, default: 2000),
                 width: try option("--width", in: args, default: 200), height: try option("--height", in: args, default: 60))
    case ("jump", 2...): try jump(args[1], count: try option("--count", in: args, default: 50))
    case ("decisions", 2...): try decisions(storePath: args[1], count: try option("--count", in: args, default: 300))
    case ("fsync", 2...): try fsyncFloor(path: args[1], count: try option("--count", in: args, default: 300))
    case ("json", 2...): try json(args[1], rounds: try option("--rounds", in: args, default: 5))
    case ("decide", 3...):
        let who = args.firstIndex(of: "--annotator").flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil } ?? "bench"
        try decide(args[1], storePath: args[2], items: try option("--items", in: args, default: 1000), annotator: who)
    case ("mark", 3...):
        let who = args.firstIndex(of: "--annotator").flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil } ?? "bench"
        try mark(args[1], storePath: args[2], position: try option("--position", in: args, default: 0), annotator: who,
                 withPlace: !args.contains("--no-place"))
    case ("summary", 2...): try summary(args[1])
    case ("team-open", _): try teamOpen(args: args)
    case ("team-client", _): try teamClient(args: args)
    default:
        throw Failure(description: "usage: scenelens-bench index FILE | keys FILE [--count N] [--width W] [--height H] | jump FILE [--count N] | decisions STORE [--count N] | fsync FILE [--count N] | json FILE [--rounds N] | summary SUMMARYFILE | decide FILE STORE [--items N] [--annotator A] | mark FILE STORE --position N [--annotator A] | team-open --store URL --project P --dataset FILE [--overlap N] | team-client --store URL --project P --annotator A --dataset FILE [--decisions N] [--batch N] [--lease S]")
    }
} catch {
    FileHandle.standardError.write(Data("scenelens-bench: \(error)\n".utf8))
    exit(1)
}
