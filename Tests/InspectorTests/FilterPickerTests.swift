import Inspector
import Review
import SceneData
import TerminalUI
import Testing

/// `f`: a picker of the common filters, each with its count, where the cycle
/// through fifteen filters (some matching nothing) used to be.
@Suite struct FilterPickerTests {
    /// The items `n` visits under the filter in force, from item 1 round to where it began.
    func visited(_ s: inout AppState, _ r: EffectRunner) -> Set<Int> {
        var seen: Set<Int> = [s.nav.index]
        for _ in 0..<20 {
            s.press("n", r)
            if !seen.insert(s.nav.index).inserted { break }
        }
        return seen
    }

    @Test func eachRowCountsTheItemsTheFilterThenVisits() throws {
        var (s, r) = Fixture.app()
        s.press("f", r)
        let rows = try #require(s.filters?.rows)
        #expect(rows.first?.filter == ReviewFilter.none && rows.first?.items == Fixture.items.count)
        #expect(rows.contains { $0.filter == .undecided })
        #expect(rows.contains { $0.filter == .op(.swap) })
        s.press("<Esc>", r)
        for row in rows where row.filter != .none {
            var (t, tr) = Fixture.app()
            t.choose(row.filter, tr)
            #expect(t.lookup.filter == row.filter)
            #expect(visited(&t, tr).count == row.items, "\(row.filter.label): \(row.items) items counted")
        }
    }

    @Test func onlyFiltersThatMatchSomethingAreListed() throws {
        var (s, r) = Fixture.app()
        s.press("f", r)
        let labels = try #require(s.filters?.rows).map(\.filter.label)
        #expect(!labels.contains("where verdict=accept"), "nothing is accepted yet: \(labels)")
        #expect(try #require(s.filters?.rows).allSatisfy { $0.items > 0 })
        s.press("<Esc>", r)
        s.press("a", r)                                   // accept the first negative
        s.press("f", r)
        let accepted = try #require(s.filters?.rows.first { $0.filter.label == "where verdict=accept" })
        #expect(accepted.items == 1 && accepted.negatives == 1)
    }

    @Test func thePickerShowsCountsMarksTheFilterInForceAndClosesWithEsc() throws {
        var (s, r) = Fixture.app()
        s.choose(.undecided, r)
        s.press("f", r)
        let screen = s.screen
        #expect(screen.contains("Filters"))
        #expect(screen.contains("* undecided"), "the filter in force is marked")
        #expect(screen.contains("all items"))
        #expect(screen.contains("\(Fixture.items.count) items, "))
        #expect(s.filters?.rows[safe: s.filters?.selection ?? -1]?.filter == .undecided, "opens on the filter in force")
        s.press("<Esc>", r)
        #expect(s.filters == nil && !s.screen.contains("Filters"))
        #expect(s.lookup.filter == .undecided, "Esc leaves the filter as it was")
    }

    /// `f j Enter` typed as one burst, before the counts have come, chooses
    /// the second row as it does typed slowly.
    @Test func keysTypedBeforeTheCountsComeAreAppliedToTheRows() throws {
        var (s, r) = Fixture.app()
        s.press("f", r)
        let counts = try #require(s.filters?.counts)
        s.press("<Esc>", r)
        _ = InspectorApp.update(&s, .key(.char("f")))
        _ = InspectorApp.update(&s, .key(.char("j")))
        _ = InspectorApp.update(&s, .key(.enter))
        #expect(s.filters != nil && s.lookup.filter == .none, "the keys wait for the rows")
        #expect(s.screen.contains("counting"))
        _ = InspectorApp.update(&s, .filtersCounted(counts))
        #expect(s.filters == nil)
        #expect(s.lookup.filter == .undecided)
    }

    @Test func choosingAllEndsTheFilter() {
        var (s, r) = Fixture.app()
        s.choose(.op(.swap), r)
        s.choose(.none, r)
        #expect(s.lookup.filter == .none)
        #expect(s.screen.contains("filter: all"))
    }

    @Test func aVerdictRowIsAQueryFilterWithItsCount() {
        var (s, r) = Fixture.app()
        s.press("s", r)                                   // skip the first negative
        s.press("f", r)
        let skip = s.filters?.rows.first { $0.filter.label == "where verdict=skip" }
        #expect(skip?.items == 1)
        s.press("<Esc>", r)
        if let skip { s.choose(skip.filter, r) }
        #expect(s.lookup.filter.label == "where verdict=skip")
        #expect(s.screen.contains("filter where verdict=skip"))
    }
}

extension Array {
    fileprivate subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
