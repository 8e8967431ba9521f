import Foundation
import Testing
import Inspector
import Review
import SceneData
import TerminalUI
@testable import ReviewPostgres

/// Team projects in the inspector, driven headless against the test server:
/// claiming, moving through one's claimed work, refusing what is not one's
/// own, leases that expire after a kill and come back on a resume.
@Suite(.enabled(if: Backend.testServer != nil)) struct TeamInspectorTests {
    /// Six items with two negatives each: twelve negatives, in dataset order.
    static let items = (0..<6).map { Items.item("i\($0)") }
    static let source = InMemorySource(items: items)
    static let work = TeamWork.of(source)

    /// One annotator's inspector on `project`: its store (for decisions), its team session (its own connection), its state.
    struct Annotator {
        var state: AppState
        let runner: EffectRunner
        let session: TeamSession
        let store: PostgresReviewStore

        init(_ who: String, project: String, overlap: Int?, batch: Int = 3, lease: TimeInterval = 30) throws {
            let url = try #require(Backend.testServer)
            store = try PostgresReviewStore(url: url, project: project, annotator: who)
            let teamStore = try PostgresReviewStore(url: url, project: project, annotator: who)
            let n = try #require(try teamStore.openTeam(overlap: overlap, work: TeamInspectorTests.work))
            session = TeamSession(store: teamStore, work: TeamInspectorTests.work, overlap: n, lease: lease, batch: batch)
            var services = EffectRunner.Services.standard(source: TeamInspectorTests.source, store: store)
            services.team = session
            runner = EffectRunner(services: services)
            state = AppState(width: 160, height: 48, datasetName: project, annotator: who)
            state.nav.itemCount = TeamInspectorTests.items.count; state.nav.fullyIndexed = true
            state.team = session.initialState
        }

        /// Starts where this annotator stands in the project.
        mutating func start() { Headless.settle(&state, InspectorApp.start(&state, at: nil), runner: runner) }
        mutating func press(_ keys: String) { Headless.press(&state, (try? Headless.parseKeys(keys)) ?? [], runner: runner) }
        /// The selected negative.
        var at: String { "\(state.item?.id ?? "-")/\(state.negative?.id ?? "-")" }
        var claimed: [String] { state.team?.claimed.map { "\($0.key.itemID)/\($0.key.negativeID)" } ?? [] }
        var statusLine: String { InspectorApp.view(state).plainText.split(separator: "\n").last.map(String.init) ?? "" }
    }

    static func project(_ name: String) -> String { "\(name)-\(UUID().uuidString)" }

    @Test func anAnnotatorMovesThroughClaimedWorkAndClaimsTheNextBatch() throws {
        let project = Self.project("walk")
        var ana = try Annotator("ana", project: project, overlap: 2)
        ana.start()
        #expect(ana.claimed == ["i0/n1", "i0/n2", "i1/n1"])
        #expect(ana.at == "i0/n1")
        #expect(ana.statusLine.contains("claimed by you"), "\(ana.statusLine)")
        #expect(ana.statusLine.contains("team 0/12 done, 0 held by others"), "\(ana.statusLine)")
        // Three decisions use the batch up; the next one is claimed and the selection goes there.
        ana.press("axa")
        #expect(try ana.store.decidedKeys().count == 3)
        #expect(ana.claimed == ["i1/n2", "i2/n1", "i2/n2"])
        #expect(ana.at == "i1/n2")
        #expect(ana.statusLine.contains("you 3 claimed"), "\(ana.statusLine)")
        // n moves to the next item with claimed work, p back.
        ana.press("n")
        #expect(ana.at == "i2/n1")
        ana.press("p")
        #expect(ana.at == "i1/n2")
        // A negative nobody gave ana: shown as not hers, and a decision on it is refused before the store.
        ana.press("[")
        #expect(ana.at == "i1/n1")
        #expect(ana.statusLine.contains("done by you"))
        ana.press(":6<Enter>")
        #expect(ana.at == "i5/n1")
        #expect(ana.statusLine.contains("not yours"), "\(ana.statusLine)")
        ana.press("a")
        #expect(ana.state.flash?.text.contains("not claimed by you") == true)
        #expect(try ana.store.decisions(itemID: "i5").isEmpty)

        // With overlap 2 bo gets the first negatives too (ana decided them), and the team counts them.
        var bo = try Annotator("bo", project: project, overlap: nil)
        bo.start()
        #expect(bo.claimed == ["i0/n1", "i0/n2", "i1/n1"])
        bo.press("aaa")
        #expect(bo.state.team?.progress?.complete == 3)
        #expect(bo.statusLine.contains("team 3/12 done"), "\(bo.statusLine)")
    }

    @Test func aKilledAnnotatorsLeaseRunsOutAndItsWorkGoesToAnother() throws {
        let project = Self.project("kill")
        var ana = try Annotator("ana", project: project, overlap: 1, batch: 3, lease: 1.5)
        ana.start()
        #expect(ana.claimed == ["i0/n1", "i0/n2", "i1/n1"])
        ana.press("a")
        // ana is killed: no heartbeat, no release. bo, with overlap 1, does not get what ana holds.
        let killedAt = Date()
        var bo = try Annotator("bo", project: project, overlap: nil, batch: 3, lease: 30)
        bo.start()
        #expect(bo.claimed == ["i1/n2", "i2/n1", "i2/n2"])
        #expect(bo.state.team?.progress?.heldByOthers == 2)
        bo.press("aaa")
        // Once ana's lease has run out, bo's next batch starts with ana's undecided negatives.
        // (bo's second batch was claimed while ana's lease still ran.)
        #expect(bo.claimed == ["i3/n1", "i3/n2", "i4/n1"])
        Thread.sleep(forTimeInterval: max(0, 1.6 - Date().timeIntervalSince(killedAt)))
        bo.press("aaa")
        #expect(bo.claimed == ["i0/n2", "i1/n1", "i4/n2"])
        bo.press("aaa")
        #expect(Set(try bo.store.decidedKeys().map { "\($0.itemID)/\($0.negativeID)" })
                    .isSuperset(of: ["i0/n2", "i1/n1"]))
        // Nothing was decided twice: overlap 1.
        let all = try ana.store.allDecisions()
        #expect(Dictionary(grouping: all, by: \.key).values.allSatisfy { $0.count == 1 })
        #expect(all.count == 10)
    }

    /// An annotator who ran out of work gets a killed annotator's negatives
    /// from the next heartbeat after the lease ran out, without a key press.
    @Test func anIdleAnnotatorGetsAnExpiredLeasesWorkFromTheHeartbeat() throws {
        let project = Self.project("idle")
        var ana = try Annotator("ana", project: project, overlap: 1, batch: 3, lease: 1)
        ana.start()
        ana.press("a")
        let killedAt = Date()
        // bo takes everything else and decides it; nothing is left to claim while ana's lease runs.
        var bo = try Annotator("bo", project: project, overlap: nil, batch: 20, lease: 30)
        bo.start()
        #expect(bo.claimed.count == 9)
        bo.press(String(repeating: "a", count: 9))
        #expect(bo.claimed.isEmpty)
        #expect(bo.state.flash?.text.contains("nothing left to claim") == true)
        // A heartbeat while ana's lease still runs brings nothing.
        Headless.settle(&bo.state, InspectorApp.update(&bo.state, .teamProgress(try bo.session.store.progress())), runner: bo.runner)
        #expect(bo.claimed.isEmpty)
        Thread.sleep(forTimeInterval: max(0, 1.2 - Date().timeIntervalSince(killedAt)))
        Headless.settle(&bo.state, InspectorApp.update(&bo.state, .teamProgress(try bo.session.store.progress())), runner: bo.runner)
        #expect(bo.claimed == ["i0/n2", "i1/n1"])
        #expect(bo.at == "i0/n2")
        #expect(bo.statusLine.contains("claimed by you"), "\(bo.statusLine)")
        bo.press("aa")
        #expect(try bo.session.store.progress().complete == 12)
    }

    @Test func aCleanQuitGivesTheWorkBackAndTheAnnotatorResumesWhereSheStopped() throws {
        let project = Self.project("resume")
        var ana = try Annotator("ana", project: project, overlap: 1)
        ana.start()
        ana.press("ax")
        try ana.runner.finishTeam()
        // Given back at once: cy gets it without waiting for the lease.
        var cy = try Annotator("cy", project: project, overlap: nil, batch: 1)
        cy.start()
        #expect(cy.claimed == ["i1/n1"])
        try cy.runner.finishTeam()
        // ana comes back: her two decisions are hers, she goes on at the third negative.
        var again = try Annotator("ana", project: project, overlap: nil)
        again.start()
        #expect(again.at == "i1/n1")
        #expect(try again.store.summary().decided == 2)
    }

    @Test func theHeartbeatKeepsTheLeaseWhileTheInspectorRuns() throws {
        let project = Self.project("beat")
        var ana = try Annotator("ana", project: project, overlap: 1, batch: 2, lease: 1)
        ana.start()
        let mailbox = Mailbox()
        ana.runner.startIndexing(to: mailbox)
        Thread.sleep(forTimeInterval: 2.5)
        // Two and a half leases later ana still holds her batch; bo gets the next ones.
        var bo = try Annotator("bo", project: project, overlap: nil, batch: 2)
        bo.start()
        #expect(bo.claimed == ["i1/n1", "i1/n2"])
        // The heartbeat posted the team's progress on the way.
        let beats = mailbox.drain().filter { if case .teamProgress(let p) = $0 { return p != nil }; return false }
        #expect(beats.count >= 3)
        try ana.runner.finishTeam()
        try bo.runner.finishTeam()
    }

    @Test func anotherDatasetCannotJoinTheProject() throws {
        let url = try #require(Backend.testServer)
        let project = Self.project("other")
        let a = try PostgresReviewStore(url: url, project: project, annotator: "ana")
        #expect(try a.openTeam(overlap: 2, work: Self.work) == 2)
        let other = TeamWork.of(InMemorySource(items: [Items.item("x0")]))
        #expect(throws: ReviewStoreError.self) { try a.openTeam(overlap: nil, work: other) }
        // Not a team project, and none asked for: nil.
        let plain = try PostgresReviewStore(url: url, project: Self.project("plain"), annotator: "ana")
        #expect(try plain.openTeam(overlap: nil, work: Self.work) == nil)
    }
}
