import Review

/// One claimed negative and where it is in the dataset.
public struct ClaimedNegative: Sendable, Hashable {
    public var key: NegativeKey
    /// Item position and negative position in the dataset.
    public var item: Int
    public var negative: Int
    /// A claimed negative from its parts.
    public init(key: NegativeKey, item: Int, negative: Int) { self.key = key; self.item = item; self.negative = negative }
}

/// The store's answer to a claim: what this annotator now holds, and the team's progress.
public struct TeamClaim: Sendable, Hashable {
    /// What this annotator holds, in dataset order (none decided yet).
    public var claimed: [ClaimedNegative]
    public var progress: TeamProgress?
    /// A claim answer from its parts.
    public init(claimed: [ClaimedNegative], progress: TeamProgress?) { self.claimed = claimed; self.progress = progress }
}

/// A team project (docs/teams.md): the negatives this annotator holds under a
/// lease, what the team has done, and blind mode. Nil in `AppState.team`
/// outside a team project.
public struct TeamState: Sendable {
    /// How many annotators decide each negative.
    public var overlap: Int
    /// Other annotators' verdicts are not shown (always, in the inspector: it reads only this annotator's).
    public var blind = true
    /// Negatives this annotator holds and has not decided, in dataset order.
    public var claimed: [ClaimedNegative] = []
    /// The team's progress as last read (claim or heartbeat); nil until read.
    public var progress: TeamProgress?
    /// The last claim failed (server away): the next heartbeat that gets through claims again.
    public var claimFailed = false

    /// A team project with `overlap`.
    public init(overlap: Int) { self.overlap = overlap }

    /// Whether this annotator holds `key` and has not decided it.
    public func holds(_ key: NegativeKey) -> Bool { claimed.contains { $0.key == key } }

    /// Takes in a claim's answer.
    mutating func take(_ c: TeamClaim) {
        claimed = c.claimed
        if let p = c.progress { progress = p }
        claimFailed = false
    }

    /// `key` was decided: it is done, no longer to do.
    mutating func decided(_ key: NegativeKey) { claimed.removeAll { $0.key == key } }

    /// The status bar's part: the team's progress, this annotator's claimed work,
    /// and what the selected negative is to this annotator.
    func status(selected: NegativeKey?, decidedByMe: Bool, mine: Int, short: Bool) -> String {
        var parts: [String] = []
        if let p = progress {
            parts.append(short ? "team \(p.complete)/\(p.negatives) done, \(p.heldByOthers) held by others" :
                "team \(p.complete) of \(p.negatives) done (x\(overlap)), \(p.heldByOthers) held by others")
        } else {
            parts.append(short ? "team x\(overlap)" : "team project x\(overlap)")
        }
        parts.append(short ? "you \(claimed.count) claimed" : "you: \(mine) done, \(claimed.count) claimed")
        if let key = selected {
            let what = decidedByMe ? "done by you" : holds(key) ? "claimed by you" : "not yours"
            parts.append("\(key.negativeID) \(what)")
        }
        if blind && !short { parts.append("blind") }
        return parts.joined(separator: "; ")
    }
}
