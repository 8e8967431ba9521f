import Foundation
import SceneData

/// How far a team project is, as the status bar shows it.
public struct TeamProgress: Sendable, Hashable {
    /// Negatives in the project (the decidable negatives of the dataset).
    public var negatives: Int
    /// Negatives with `overlap` decisions.
    public var complete: Int
    /// Decisions in all, by everyone.
    public var decisions: Int
    /// Negatives some other annotator holds a live lease on.
    public var heldByOthers: Int
    /// A progress from its parts.
    public init(negatives: Int = 0, complete: Int = 0, decisions: Int = 0, heldByOthers: Int = 0) {
        self.negatives = negatives; self.complete = complete; self.decisions = decisions; self.heldByOthers = heldByOthers
    }
}

/// A store that can hand out work in a team project: each negative is decided
/// by `overlap` different annotators, claimed in batches under leases that a
/// heartbeat renews (the PostgreSQL store; see docs/teams.md).
public protocol TeamAssignmentStore: AnyObject, Sendable {
    /// Creates the team project (`overlap` given) or joins it (nil): binds the
    /// project to the dataset by `work.datasetID` (a different dataset is
    /// refused) and lists its negatives once. Returns the overlap; nil when
    /// the project is not a team project and no overlap was given.
    func openTeam(overlap: Int?, work: TeamWork) throws -> Int?
    /// Claims negatives up to `batch` held at once, for `lease` seconds; returns
    /// every negative this annotator holds, in dataset order.
    func claimNext(batch: Int, lease: TimeInterval) throws -> [NegativeKey]
    /// Renews this annotator's leases; returns how many it still holds.
    @discardableResult
    func heartbeat(lease: TimeInterval) throws -> Int
    /// Gives back every lease this annotator holds (a clean quit).
    func releaseClaims() throws
    /// The team's progress.
    func progress() throws -> TeamProgress
}

/// The work of a team project as one annotator's dataset has it: every
/// negative that can be decided, in dataset order, where it is, and the
/// dataset's content id (so annotators with differently named copies of one
/// dataset join one project, and a different dataset is refused).
public struct TeamWork: Sendable {
    /// Decidable negatives in dataset order.
    public private(set) var negatives: [NegativeKey] = []
    /// Where each is: item position and negative position.
    public private(set) var positions: [NegativeKey: (item: Int, negative: Int)] = [:]
    /// `teamv1:` and an FNV-1a 64 over every item id, negative id and content hash in order.
    public private(set) var datasetID = ""

    /// The work of the `count` items that `item` reads (nil: an unreadable line, left out).
    public init(count: Int, item: (Int) -> Item?) {
        var items: [(Int, Item)] = []
        var idCount: [String: Int] = [:]
        for i in 0..<count {
            guard let it = item(i) else { continue }
            items.append((i, it)); idCount[it.id, default: 0] += 1
        }
        var h = Hasher64()
        h.field("teamv1")
        for (i, it) in items {
            h.field(it.id)
            let duplicates = it.duplicateNegativeIDs
            for (j, neg) in it.negatives.enumerated() {
                guard Undecidable.reason(neg, in: it, itemIDRepeats: (idCount[it.id] ?? 0) > 1,
                                         duplicateNegativeIDs: duplicates) == nil else { continue }
                let key = NegativeKey(itemID: it.id, negativeID: neg.id)
                negatives.append(key)
                positions[key] = (i, j)
                h.field(neg.id)
                h.field(ContentHash.of(neg, in: it))
            }
        }
        datasetID = "teamv1:" + h.hex
    }
}
