import Review
import SceneData

/// A team project in the inspector (docs/teams.md): work comes in small
/// claimed batches; after a decision the selection moves to the next negative
/// this annotator holds, and a new batch is claimed when the last is done;
/// `n`/`p` move between the items of the claimed negatives; a negative this
/// annotator does not hold (and has not decided) is not theirs to decide.
enum Team {
    /// At start: claim (the negatives held before a quit or crash come back first), then go to the first.
    static func start(_ s: inout AppState) -> [Effect] {
        InspectorApp.lookUp(&s, .resuming, .teamClaim)
    }

    /// The claim answered: holds what it gives and, when a lookup waited for it, goes to the first.
    static func claimed(_ s: inout AppState, _ c: TeamClaim) -> [Effect] {
        s.team?.take(c)
        guard case .lookingUp = s.phase else { return [] }
        s.work.phase = .idle
        guard let first = c.claimed.first else {
            s.flash = InspectorApp.keepingSaved(s, "nothing left to claim: every negative has its annotators or is held by others")
            return s.nav.current == nil ? InspectorApp.go(&s, to: s.nav.index) : []
        }
        return goTo(&s, first)
    }

    /// A heartbeat's answer: the progress, and a claim again when this
    /// annotator holds nothing and is idle, and either the last claim failed
    /// (the server is back) or the team is not done: a lease that ran out
    /// (an annotator killed, gone off the network) brings its work here
    /// without a key press.
    static func progress(_ s: inout AppState, _ p: TeamProgress?) -> [Effect] {
        guard let team = s.team, let p else { return [] }
        s.team?.progress = p
        if s.phase == .idle, team.claimed.isEmpty, team.claimFailed || p.complete < p.negatives {
            s.team?.claimFailed = false
            return InspectorApp.lookUp(&s, .findingNext, .teamClaim)
        }
        return []
    }

    /// After a saved decision the phase waited for: the next held negative, or a new claim.
    static func advance(_ s: inout AppState) -> [Effect] {
        guard let next = s.team?.claimed.first else { return InspectorApp.lookUp(&s, .findingNext, .teamClaim) }
        return goTo(&s, next)
    }

    /// `n`/`p`: the next (previous) item holding a claimed negative; nil when there is none that way.
    static func step(_ s: inout AppState, forward: Bool) -> [Effect]? {
        guard let team = s.team else { return nil }
        let here = s.nav.index
        let target = forward ? team.claimed.first { $0.item > here } : team.claimed.last { $0.item < here }
        guard let target else {
            s.flash = team.claimed.isEmpty ? "no claimed work: decide to claim more"
                : "no claimed negative \(forward ? "after" : "before") this item"
            return []
        }
        return goTo(&s, target)
    }

    /// Why this annotator may not decide `neg` of `item`: in a team project, it is neither held nor decided by them.
    static func refusal(_ s: AppState, _ item: Item, _ neg: Negative) -> String? {
        guard let team = s.team, s.review.verdicts[neg.id] == nil,
              !team.holds(NegativeKey(itemID: item.id, negativeID: neg.id)) else { return nil }
        return "\(neg.id) of \(item.id) is not claimed by you (team project): n/p move through your claimed work; not saved"
    }

    /// Selects `c`, loading its item when it is another.
    private static func goTo(_ s: inout AppState, _ c: ClaimedNegative) -> [Effect] {
        if c.item == s.nav.index, s.item?.id == c.key.itemID {
            s.nav.negativeIndex = c.negative
            s.panes.stepSelection = 0; s.panes.rationaleScroll = 0
            return []
        }
        s.nav.targetNegativeIndex = c.negative
        return InspectorApp.go(&s, to: c.item)
    }
}
