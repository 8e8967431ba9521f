// A headless annotator in a team project, for Benchmarks/team_load.py: it uses
// the store as the inspector does (TeamSession claims a batch under a lease, a
// heartbeat on its own thread renews it, decisions go through a second
// connection), and prints one line per claim and per committed decision,
// written at once, so a client killed with -9 has already said what it held
// and what the server had committed for it.
import Foundation
import Inspector
import Review
import ReviewPostgres
import SceneData

func stringOption(_ name: String, in args: [String]) throws -> String {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { throw Failure(description: "\(name) is required") }
    return args[i + 1]
}

/// Wall-clock milliseconds: comparable across the clients and the driver.
func epochMillis() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

/// One line on standard output, unbuffered (one write).
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

/// The dataset, fully indexed, and the work of a team project over it.
func teamWork(_ path: String) throws -> (DatasetSource, TeamWork) {
    let source = DatasetSource(try Dataset.open(path: path))
    return (source, TeamWork.of(source))
}

/// Creates the team project with `overlap` (once, before the clients start).
func teamOpen(args: [String]) throws {
    let url = try stringOption("--store", in: args), project = try stringOption("--project", in: args)
    let (_, work) = try teamWork(try stringOption("--dataset", in: args))
    let store = try PostgresReviewStore(url: url, project: project, annotator: "bench-opener")
    let n = try store.openTeam(overlap: try option("--overlap", in: args, default: 2), work: work)
    say("opened \(project) overlap \(n ?? 0) negatives \(work.negatives.count)")
}

/// Decides up to `--decisions` claimed negatives, claiming `--batch` at a
/// time under a `--lease` seconds lease. Lines (tab separated):
/// `claim EPOCH_MS N KEY...`, `decided EPOCH_MS LATENCY_MS KEY`, `done N`;
/// a KEY is `item_id/negative_id`. With `--decisions 0` it is a probe: one
/// claim, printed and given back (team_load.py asks whether leases ran out).
func teamClient(args: [String]) throws {
    let url = try stringOption("--store", in: args), project = try stringOption("--project", in: args)
    let annotator = try stringOption("--annotator", in: args)
    let wanted = try option("--decisions", in: args, default: 200)
    let batch = try option("--batch", in: args, default: 10), lease = try option("--lease", in: args, default: 3)
    let (source, work) = try teamWork(try stringOption("--dataset", in: args))
    // Two connections, as the inspector has: the team session's, and the decisions'.
    let teamStore = try PostgresReviewStore(url: url, project: project, annotator: annotator)
    guard let overlap = try teamStore.openTeam(overlap: nil, work: work) else {
        throw Failure(description: "project \(project) is not a team project (run team-open first)")
    }
    let store = try PostgresReviewStore(url: url, project: project, annotator: annotator)
    let session = TeamSession(store: teamStore, work: work, overlap: overlap, lease: TimeInterval(lease), batch: batch)
    session.startHeartbeat { progress in if progress == nil { say("heartbeat-failed\t\(epochMillis())") } }
    var decided = 0, emptyClaims = 0
    var rng = SystemRandomNumberGenerator()
    func claimAndSay() throws -> TeamClaim {
        let claim = try session.claimBatch()
        say((["claim", String(epochMillis()), String(claim.claimed.count)] + claim.claimed.map { "\($0.key.itemID)/\($0.key.negativeID)" })
            .joined(separator: "\t"))
        return claim
    }
    if wanted == 0 { _ = try claimAndSay() }
    while decided < wanted {
        let claim = try claimAndSay()
        if claim.claimed.isEmpty {
            // Everything is held by others or complete: wait for a lease to run out, a few times.
            emptyClaims += 1
            if emptyClaims > 2 * lease * 10 { break }
            Thread.sleep(forTimeInterval: 0.1); continue
        }
        emptyClaims = 0
        for c in claim.claimed where decided < wanted {
            guard let item = source.load(c.item).item, c.negative < item.negatives.count else {
                throw Failure(description: "claimed \(c.key.itemID)/\(c.key.negativeID) is not readable in the dataset")
            }
            let verdict: Verdict = Int.random(in: 0..<4, using: &rng) == 0 ? .reject : .accept
            let t0 = now()
            try store.record(c.key, verdict: verdict, contentHash: ContentHash.of(item.negatives[c.negative], in: item), note: nil, tags: nil)
            let ms = (now() - t0) * 1000
            decided += 1
            say("decided\t\(epochMillis())\t\(String(format: "%.3f", ms))\t\(c.key.itemID)/\(c.key.negativeID)")
        }
    }
    try session.finish()
    say("done\t\(decided)")
}
