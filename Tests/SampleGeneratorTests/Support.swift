import SceneData
import Foundation
@testable import SampleGenerator

/// A fresh temporary folder for one test.
func temporaryFolder(_ name: String = #function) throws -> String {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let path = NSTemporaryDirectory() + "scenelens-sample-\(safe)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Removes a folder made by `temporaryFolder`, so test runs leave nothing behind.
func removeFolder(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}

/// The lines of a JSON Lines file, parsed with Foundation (tests only).
func jsonLines(_ path: String) throws -> [[String: Any]] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return try text.split(separator: "\n").map { line in
        let obj = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return obj as? [String: Any] ?? [:]
    }
}

/// Every regular file under `folder`, relative path to bytes.
func files(in folder: String) throws -> [String: Data] {
    var out: [String: Data] = [:]
    let fm = FileManager.default
    guard let e = fm.enumerator(atPath: folder) else { return out }
    for case let rel as String in e {
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: folder + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
            out[rel] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + rel))
        }
    }
    return out
}

/// Scenes, plans and their candidate perturbations for a handful of seeds.
func samplePlans(seeds: Range<UInt64> = 1..<13) -> [(Scene, ItemPlan)] {
    var out: [(Scene, ItemPlan)] = []
    for seed in seeds {
        var rng = SplitMix64(seed: seed)
        let (scene, _) = SceneLayout.make(width: 320, height: 240, count: 12, rng: &rng)
        for family in PlanBuilder.Family.allCases {
            if let plan = PlanBuilder.make(scene, family: family, rng: &rng) { out.append((scene, plan)) }
        }
    }
    return out
}
