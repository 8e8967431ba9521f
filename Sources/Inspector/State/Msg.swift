import Query
import Imaging
import Review
import SceneData
import TerminalUI

/// Something that happened: a key, a resize, or the result of an effect.
public enum Msg: Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// A click or a turn of the wheel.
    case mouse(MouseEvent)
    /// Indexing reached `count` items (`done` once the whole file is read).
    case indexProgress(count: Int, fraction: Double, done: Bool)
    /// The dataset's summary is being made (`done`: it is ready, or cannot be made).
    case summaryProgress(fraction: Double, done: Bool)
    /// The total number of negatives, counted after indexing.
    case negativeTotal(Int)
    /// Every item id of the file has been read: whether an id repeats is known.
    case idsKnown
    case itemLoaded(LoadedItem)
    case imageReady(LoadedImage)
    /// A decision is durable in the store.
    /// The summary is nil while the review counts are still being worked out.
    case decisionSaved(Decision, ReviewSummary?)
    case noteSaved(NegativeKey, String?)
    /// The tags on a decision are saved; nil when the negative had no decision to carry them.
    case tagsSaved(NegativeKey, [String]?)
    /// The store's answer for the current item (verdicts and notes) and the counts.
    /// `stale`: negatives whose decision was made on content that has changed since.
    /// `sharedBy`: the positions of every item with this id when several have it
    /// (then no decision is given: none can say which of them it judged).
    case decisionsLoaded(itemID: String, [String: Decision], ReviewSummary?, stale: Set<String> = [], sharedBy: [Int] = [])
    case undone(Undone?, ReviewSummary?)
    /// This annotator's counts over the whole dataset (current decisions on existing negatives).
    case reviewCounted(ReviewSummary)
    /// A lookup (search, filter, goto, resume) found item `index`, or nothing.
    /// `negativeIndex`: the negative to select there, by position (nil: the first shown).
    case found(index: Int?, negativeIndex: Int?, reason: String)
    /// `:` matched several ids: the first is gone to (as `found`) and the rest listed to choose from.
    case idChoices(IDChoices)
    /// The running search has walked this fraction of the dataset.
    case findProgress(Double)
    /// The count of a query (`w`): partial while it runs, then done.
    case queryCounted(QueryCount)
    /// The items a search matches (`3 of 17`): partial while the walk runs, then done.
    case matchesListed(MatchList)
    /// The sorted view's rows, for `field` in that order within a query filter when given.
    case sortListed([SortView.Row], withoutValue: Int, field: String, descending: Bool, within: String?)
    /// The filter picker's counts: partial while the walk runs, then done.
    case filtersCounted(FilterPicker.Counts)
    /// The frequency view's counts (`within`: the query filter they are within).
    case tableCounted(FrequencyTable, fields: [String], within: String?)
    /// Lint findings of an item, by negative position.
    case lintsReady(itemID: String, ItemLints)
    /// An effect failed; the message is shown in the status bar.
    case failed(String)
    /// A write could not reach the store's server: `unsent` (e.g. `reject on n1`) is
    /// not saved; the runner keeps it and resends it until the server answers.
    case storeUnreachable(String, unsent: String)
    /// A team project's claim answered: what this annotator holds now (see `TeamState`).
    case teamClaimed(TeamClaim)
    /// The heartbeat renewed the leases and read the team's progress (nil: the server did not answer).
    case teamProgress(TeamProgress?)
}

/// What to look for when moving to another item.
public enum FindCriterion: Sendable, Hashable {
    /// Question, answer and rationale text containing this (case-insensitive),
    /// among the items (and negatives) the filter lets through.
    case text(String, within: ReviewFilter)
    /// An item passing the filter.
    case filter(ReviewFilter)
    /// The first item this annotator has not finished (resume).
    case unfinished

    /// Text anywhere, with no filter.
    public static func text(_ q: String) -> FindCriterion { .text(q, within: .none) }
}

/// Work `update` asks for; the runner does it off the input loop and answers with a `Msg`.
public enum Effect: Sendable, Hashable {
    /// Parse item `index` (answer: `itemLoaded`).
    case loadItem(Int)
    /// Decode the item's image for a pane of `pixelWidth` x `pixelHeight`, as the
    /// model sees it or (`stored`) the file's own pixels over a checkerboard (answer: `imageReady`).
    case loadImage(itemID: String, source: ImageSource, pixelWidth: Int, pixelHeight: Int, stored: Bool = false)
    /// Load and decode item `index` ahead of time, answering nothing.
    case prefetch(Int)
    /// Read this annotator's decisions on the item shown, and which of them are
    /// stale against it (answer: `decisionsLoaded`).
    case loadDecisions(Item)
    /// Record a verdict on a negative of `item` (the item shown: its content hash
    /// is recorded, and it is re-counted) with the note and tags waiting on the
    /// negative (nil: keep what the store has) (answer: `decisionSaved`, or
    /// `failed`). `update` sends it only for a negative that can be decided.
    case record(NegativeKey, Verdict, item: Item, note: String?, tags: [String]?)
    case setNote(NegativeKey, String?)
    /// Replace the reason tags on a decision (answer: `tagsSaved`).
    case setTags(NegativeKey, [String])
    case undo
    /// Find the next (or previous) item from `from` that meets `criterion`, wrapping at the ends.
    case find(from: Int, forward: Bool, criterion: FindCriterion, includeStart: Bool)
    /// Find the item with this id, or the 1-based number (answer: `found`).
    case goto(String)
    /// Lint the item shown and its negatives (answer: `lintsReady`).
    case lint(Item)
    /// Stop the running search or lookup: it answers nothing.
    case cancelFind
    /// Counts the items and negatives a query matches, in the background,
    /// replacing any count running; nil stops the running count.
    case countQuery(QueryExpr?)
    /// Lists every item a search meets, in the background, replacing any list
    /// being made; nil stops it.
    case listMatches(FindCriterion?)
    /// Lists the negatives in order of `field` for the sorted view, within a query filter when given.
    case listSorted(field: String, descending: Bool, within: QueryExpr?)
    /// Counts the items and negatives each filter lets through, for the filter picker.
    case countFilters([ReviewFilter])
    /// Counts the negatives by `fields` for the frequency view, within a query filter when given.
    case countTable(fields: [QueryField], within: QueryExpr?)
    /// In a team project, claim work up to a batch under a lease (answer: `teamClaimed`, or `failed`).
    case teamClaim
    case quit
}
