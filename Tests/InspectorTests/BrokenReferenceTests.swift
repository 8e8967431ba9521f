import Inspector
import SceneData
import Testing
import TerminalUI

/// FORMAT.md: an item with a reference to a missing entity is still shown, with the broken element marked.
@Suite struct BrokenReferenceTests {
    static func brokenItem() -> Item {
        var item = Fixture.item(0)
        item.sceneGraph.relations.append(Relation(subject: "o1", predicate: "on", object: "o9"))
        item.critical = (item.critical ?? []) + [.entity("o7")]
        return item
    }

    @Test func relationToAMissingEntityIsMarked() throws {
        let rows = GraphRows.build(Self.brokenItem(), negative: nil)
        let bad = try #require(rows.first { $0.kind == .relation(Relation(subject: "o1", predicate: "on", object: "o9")) })
        #expect(bad.broken == "(no entity o9)")
        #expect(bad.text.contains("(no entity o9)"))
        #expect(rows.contains { $0.broken == "(no entity o7)" })
        // Sound relations are not marked.
        #expect(rows.filter { $0.broken != nil }.count == 2)
    }

    @Test func thePaneShowsTheMarkInItsOwnStyle() throws {
        let source = InMemorySource(items: [Self.brokenItem()], images: ["img0.png": [1]])
        let r = EffectRunner(services: .init(source: source, store: MemoryStore(), decode: Fixture.decode))
        var s = AppState(width: 160, height: 48, datasetName: "broken", annotator: "tester", imageMode: .truecolor)
        s.nav.itemCount = 1; s.nav.fullyIndexed = true
        Headless.settle(&s, InspectorApp.start(&s, at: 0), runner: r)
        let frame = InspectorApp.view(s)
        let lines = frame.plainText.split(separator: "\n", omittingEmptySubsequences: false)
        let y = try #require(lines.firstIndex { $0.contains("(no entity o9)") })
        let line = String(lines[y])
        let markX = try #require(line.range(of: "? cube on o9")).lowerBound.utf16Offset(in: line)
        // The marked row stands out from a sound relation row.
        let sound = try #require(lines.firstIndex { $0.contains("cube left of sphere  (o1->o2)") })
        #expect(frame[markX, y].attributes.contains(.reverse))
        #expect(!frame[markX, sound].attributes.contains(.reverse))
    }
}
