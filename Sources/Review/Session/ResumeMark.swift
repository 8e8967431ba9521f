import SceneData

/// Where resuming may start walking: every item of the dataset before
/// `position` was found finished by this annotator. Finding the first
/// unfinished item otherwise reads every finished item (minutes at a third of
/// a million); with a mark it reads from the mark on (issue 17).
///
/// A mark is kept per annotator and dataset file identity (its path, size and
/// modification time: an edited file may have stale decisions anywhere), and
/// holds the id of the last change counted when it was set: recording only
/// finishes items, but an undo made after it (in this session, another one,
/// or by `scenelens` on another machine) may reopen an item before the mark,
/// so a store answers no mark then, and the walk starts from the top again.
///
/// For a JSON Lines file the mark also keeps where the item's line is and a
/// checksum of it (`LinePlace`): the line index starts there and indexes the
/// lines before it in the background, so resuming at item 333k does not scan
/// the 3.3 GB before it first. A store written before places were kept
/// (SQLite before `v4-resume-places`, PostgreSQL before schema 6) answers
/// marks without one, which still work, by indexing up to the position.
public struct ResumeMark: Sendable, Hashable {
    /// The first item not known to be finished, in dataset order.
    public var position: Int
    /// The id of the item at `position` when the mark was set (checked on reading: the same file says the same).
    public var itemID: String
    /// Where the line of the item at `position` is, with its length and checksum; nil when not known.
    public var place: LinePlace?
    /// A mark from its parts.
    public init(position: Int, itemID: String, place: LinePlace? = nil) {
        self.position = position; self.itemID = itemID; self.place = place
    }
}
