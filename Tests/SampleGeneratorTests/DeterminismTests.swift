import SceneData
import Foundation
import Testing
@testable import SampleGenerator

@Suite struct DeterminismTests {
    @Test func sameSeedWritesTheSameBytes() throws {
        let a = try temporaryFolder(), b = try temporaryFolder()
        defer { removeFolder(a); removeFolder(b) }
        try DatasetWriter(options: .init(items: 40, seed: 9, images: 5)).write(to: a)
        try DatasetWriter(options: .init(items: 40, seed: 9, images: 5)).write(to: b)
        let fa = try files(in: a), fb = try files(in: b)
        #expect(fa.count > 5)
        #expect(fa == fb)
    }

    @Test func differentSeedWritesDifferentItems() throws {
        let a = try temporaryFolder(), b = try temporaryFolder()
        defer { removeFolder(a); removeFolder(b) }
        try DatasetWriter(options: .init(items: 20, seed: 1, images: 4)).write(to: a)
        try DatasetWriter(options: .init(items: 20, seed: 2, images: 4)).write(to: b)
        let da = try Data(contentsOf: URL(fileURLWithPath: a + "/dataset.jsonl"))
        let db = try Data(contentsOf: URL(fileURLWithPath: b + "/dataset.jsonl"))
        #expect(da != db)
        let ia = try Data(contentsOf: URL(fileURLWithPath: a + "/images/pool_0000.png"))
        let ib = try Data(contentsOf: URL(fileURLWithPath: b + "/images/pool_0000.png"))
        #expect(ia != ib)
    }

    @Test func showcaseIsReproducible() throws {
        let a = try temporaryFolder(), b = try temporaryFolder()
        defer { removeFolder(a); removeFolder(b) }
        _ = try ShowcaseWriter(seed: 1).write(to: a)
        _ = try ShowcaseWriter(seed: 1).write(to: b)
        #expect(try files(in: a) == files(in: b))
    }

    @Test func generatorStreamsDoNotRepeat() {
        var r1 = SplitMix64(seed: 1, stream: 1), r2 = SplitMix64(seed: 1, stream: 2)
        let x = (0..<8).map { _ in r1.next() }, y = (0..<8).map { _ in r2.next() }
        #expect(x != y)
        #expect(Set(x).count == 8)
    }
}
