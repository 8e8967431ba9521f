import Review

/// This annotator's review of the item shown: decisions, notes and tags as the
/// store has them, what waits to be saved with a decision, the lint findings,
/// and the counts over the whole dataset.
public struct ReviewState: Sendable {
    public var annotator: String
    /// The item whose decisions the fields below hold; nil until they are read.
    public var itemID: String?
    /// This annotator's verdicts on the current item's negatives, by negative id.
    public var verdicts: [String: Verdict] = [:]
    /// Notes on the current item's negatives, by negative id.
    public var notes: [String: String] = [:]
    /// Reason tags on the current item's decisions, by negative id.
    public var tags: [String: [String]] = [:]
    /// Negatives of the current item whose decision predates a change to their content:
    /// shown as stale and still to be decided.
    public var staleDecisions: Set<String> = []
    /// The positions of every item with the current item's id, when several
    /// have it: its negatives cannot be decided. Empty when the id is unique
    /// (or its decisions have not been read yet).
    public var idSharedBy: [Int] = []
    /// Lint findings of the current item, by negative position, as one-line texts.
    public var lints: ItemLints = .none
    /// This annotator's counts as `stats` gives them; nil until they have been counted.
    public var summary: ReviewSummary?
    /// Total negatives in the dataset when known (after indexing), for "reviewed of total".
    public var totalNegatives: Int?
    /// Notes and tags typed on negatives that had no decision yet, by negative:
    /// each is saved with that negative's own decision (any item, not only the one shown).
    public var pending: [NegativeKey: PendingAnnotation] = [:]
    /// A write the store's server did not receive (`reject on n1`, `the note on n2`):
    /// not saved, being resent; nil when every write went through.
    public var unsent: String?
    /// The negative whose accept was held back for an error-level lint: the
    /// confirm key (`A`) pressed next accepts it; any other key drops this.
    public var acceptConfirm: NegativeKey?
    /// The decisions saved in this session, oldest first: what `u` takes back
    /// of them can be redone.
    public var history: [Decision] = []
    /// Decisions `u` took back, newest last: Ctrl-R records the last one again.
    public var redo: [Decision] = []
    /// The negative a redo is being saved on.
    public var redoing: NegativeKey?

    /// The review of `annotator`, nothing read yet.
    public init(annotator: String) { self.annotator = annotator }

    /// Another item is shown: nothing is known of its decisions or lints yet.
    mutating func clearItem() {
        itemID = nil
        verdicts = [:]; notes = [:]; tags = [:]; lints = .none; staleDecisions = []; idSharedBy = []
    }

    /// The store's answer for item `id`: its usable decisions, the stale ones, the items sharing its id.
    mutating func read(itemID id: String, _ usable: [String: Decision], stale: Set<String>, sharedBy: [Int]) {
        itemID = id
        idSharedBy = sharedBy
        verdicts = usable.mapValues(\.verdict)
        notes = usable.compactMapValues(\.note)
        tags = usable.mapValues(\.tags).filter { !$0.value.isEmpty }
        staleDecisions = stale
    }

    /// Decision `d` on the item shown is durable.
    mutating func saved(_ d: Decision) {
        let id = d.key.negativeID
        verdicts[id] = d.verdict
        staleDecisions.remove(id)
        if let note = d.note { notes[id] = note }
        tags[id] = d.tags.isEmpty ? nil : d.tags
    }

    /// A decision was saved: a redo's own save takes it off the redo stack;
    /// any other decision ends what could be redone, as in an editor.
    mutating func remember(_ d: Decision) {
        history.append(d)
        if redoing == d.key { redoing = nil; if !redo.isEmpty { redo.removeLast() } } else { redo = [] }
    }

    /// `u` took back the decision on `key`: this session's last one on it can be redone.
    mutating func undid(_ key: NegativeKey) {
        guard let k = history.lastIndex(where: { $0.key == key }) else { return }
        redo.append(history.remove(at: k))
    }

    /// Sets (or with an empty value removes) what waits on `key`.
    mutating func setPending(_ key: NegativeKey, _ p: PendingAnnotation) {
        pending[key] = p.isEmpty ? nil : p
    }
}
