import Foundation
import Imaging
import SceneData
import Testing
@testable import SampleGenerator

/// The generator's output read back by SceneData's own validator and Imaging's decoder.
@Suite struct ValidationTests {
    private func report(_ path: String) throws -> ValidationReport {
        Validator(checkImages: true).validate(try Dataset.open(path: path))
    }

    @Test func showcaseHasNoErrors() throws {
        let dir = try temporaryFolder()
        defer { removeFolder(dir) }
        _ = try ShowcaseWriter(seed: 1).write(to: dir)
        let r = try report(dir + "/scenes.jsonl")
        #expect(r.errors == 0, "\(r.diagnostics.map(\.formatted))")
    }

    @Test func everyBrokenLineHasItsError() throws {
        let dir = try temporaryFolder()
        defer { removeFolder(dir) }
        let counts = try ShowcaseWriter(seed: 1).write(to: dir)
        let r = try report(dir + "/broken.jsonl")
        let lines = Set(r.diagnostics.filter { $0.severity == .error }.compactMap(\.line))
        #expect(lines == Set(1...counts.broken), "\(r.diagnostics.map(\.formatted))")
    }

    @Test func sampleDatasetHasNoErrorsAndBoxesSitOnDrawnObjects() throws {
        let dir = try temporaryFolder()
        defer { removeFolder(dir) }
        try DatasetWriter(options: .init(items: 50, seed: 11, images: 6)).write(to: dir)
        let r = try report(dir + "/dataset.jsonl")
        #expect(r.items == 50)
        #expect(r.errors == 0, "\(r.diagnostics.prefix(5).map(\.formatted))")
        let dataset = try Dataset.open(path: dir + "/dataset.jsonl")
        dataset.indexAll()
        var checked = 0
        for i in 0..<dataset.count {
            guard let item = dataset.item(at: i).item, case .path(let p) = item.image else { continue }
            let image = try ImageDecoder.decodeFile(atPath: dir + "/" + p)
            for e in item.sceneGraph.entities {
                guard let b = e.box else { continue }
                let x = Int(b.x + b.w / 2), y = Int(b.y + b.h / 2)
                #expect(image[x, y] != SceneRenderer.floor(y: y, height: image.height), "\(item.id) \(e.id)")
                checked += 1
            }
        }
        #expect(checked > 500)
    }
}
