import Foundation
import Testing
import Analysis
import Query
import Review
import SceneData
@testable import Inspector

/// The inspector's `w` counts, `F` tables and `S` lists answer from the
/// dataset's summary once it is made, and give what the walk over the items
/// gives, with this annotator's decisions; the status bar says while it is made.
@Suite struct SummaryCountTests {
    /// Two runners over the samples and one store: one walks, one has its summary made.
    func runners() throws -> (walking: EffectRunner, summarised: EffectRunner, folder: String) {
        let dataset = try Dataset.open(path: QueryPromptTests.samples)
        dataset.indexAll()
        let store = try SQLiteReviewStore.inMemory(annotator: "ann")
        // Decisions on the first items: an accept, a reject with a tag, a skip.
        for (i, verdict) in [(0, Verdict.accept), (1, .reject), (2, .skip)] {
            let item = try #require(dataset.reviewItem(at: i))
            let n = item.negatives[0]
            _ = try store.record(NegativeKey(itemID: item.id, negativeID: n.id), verdict: verdict,
                                 contentHash: ContentHash.of(n, in: item), note: nil, tags: verdict == .reject ? ["wrong-relation"] : nil)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scenelens-sumcount-\(UUID().uuidString)").path
        let walking = EffectRunner(services: .standard(source: DatasetSource(dataset), store: store))
        var services = EffectRunner.Services.standard(source: DatasetSource(dataset), store: store)
        let linter = Linter()
        services.summary = { progress in
            SummaryFile.prepare(dataset, folder: folder, config: LintConfig(),
                                lint: { linter.lint($0, imageSize: dataset.attentionImageSize(for: $0)) },
                                progress: progress).summary.map(SummaryIndex.init)
        }
        let summarised = EffectRunner(services: services)
        #expect(summarised.currentSummary == nil)
        summarised.makeSummary { _, _ in }
        #expect(summarised.currentSummary?.count == dataset.count)
        return (walking, summarised, folder)
    }

    @Test func countsTablesAndListsAreTheWalksAnswers() throws {
        let (walking, summarised, folder) = try runners()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for text in ["operator=swap", "verdict=undecided", "verdict=accept or tag=wrong-relation", "lint=same-answer",
                     "text~cube and not operator=overthink", "j<0.5", "severity>=warning and verdict!=skip", "text~zzzz"] {
            let q = try QueryExpr.parse(text)
            guard case .queryCounted(let walked)? = walking.perform(.countQuery(q)),
                  case .queryCounted(let kept)? = summarised.perform(.countQuery(q)) else {
                Issue.record("no count for \(text)"); continue
            }
            #expect(kept == walked, "\(text)")
            #expect(kept.done)
            for spec in ["operator,verdict", "lint", "j"] {
                let fields = try FrequencyTable.fields(spec)
                guard case .tableCounted(let a, _, _)? = walking.perform(.countTable(fields: fields, within: q)),
                      case .tableCounted(let b, _, _)? = summarised.perform(.countTable(fields: fields, within: q)) else {
                    Issue.record("no table"); continue
                }
                #expect(a == b, "\(spec) within \(text)")
            }
            for field in ["j", "confidence", "attention", "time"] {
                guard case .sortListed(let a, let wa, _, _, _)? = walking.perform(.listSorted(field: field, descending: true, within: q)),
                      case .sortListed(let b, let wb, _, _, _)? = summarised.perform(.listSorted(field: field, descending: true, within: q)) else {
                    Issue.record("no list"); continue
                }
                #expect(a == b && wa == wb, "\(field) within \(text)")
            }
        }
        guard case .sortListed(let all, _, _, _, _)? = summarised.perform(.listSorted(field: "j", descending: false, within: nil)) else {
            Issue.record("no list"); return
        }
        #expect(all.count > 40)
    }

    @Test func theStatusBarSaysWhileTheSummaryIsMade() throws {
        var (s, _, _) = try QueryPromptTests().samplesApp()
        _ = InspectorApp.update(&s, .summaryProgress(fraction: 0.42, done: false))
        #expect(s.screen.contains("summarising 42%"))
        _ = InspectorApp.update(&s, .summaryProgress(fraction: 1, done: true))
        #expect(!s.screen.contains("summarising"))
    }
}
