import Foundation
import Imaging
@testable import SceneData

/// A temporary folder holding a dataset file and the files it refers to.
final class TempDataset {
    let directory: String
    let path: String

    init(bytes: [UInt8], files: [String: [UInt8]] = [:], name: String = "data.jsonl") throws {
        directory = NSTemporaryDirectory() + "scenedata-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        for (rel, content) in files {
            let full = directory + "/" + rel
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Data(content).write(to: URL(fileURLWithPath: full))
        }
    }

    convenience init(lines: [String], files: [String: [UInt8]] = [:]) throws {
        try self.init(bytes: Array(lines.joined(separator: "\n").utf8) + [0x0A], files: files)
    }

    func open() throws -> Dataset { try Dataset.open(path: path) }

    deinit { try? FileManager.default.removeItem(atPath: directory) }
}

/// A minimal valid item as a JSON object, with members replaced or removed
/// (`NSNull()` removes a member).
func itemObject(id: String = "i1", _ changes: [String: Any] = [:]) -> [String: Any] {
    var o: [String: Any] = [
        "id": id,
        "image": "img.png",
        "question": "What is left of the cube?",
        "answer": "a sphere",
        "scene_graph": [
            "entities": [["id": "o1", "name": "cube"], ["id": "o2", "name": "sphere"]],
            "relations": [["o2", "left of", "o1"]],
        ] as [String: Any],
        "chosen": ["steps": ["The sphere is left of the cube."], "answer": "a sphere"] as [String: Any],
        "negatives": [["id": "n1", "operator": "swap",
                       "rationale": ["steps": ["The cube is left of the sphere."], "answer": "a cube"]] as [String: Any]],
    ]
    for (k, v) in changes {
        if v is NSNull { o.removeValue(forKey: k) } else { o[k] = v }
    }
    return o
}

/// One JSON line for an item object.
func line(_ object: [String: Any]) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    return String(decoding: data, as: UTF8.self)
}

/// Reads one item from a JSON line without a dataset file.
func readItem(_ json: String) -> (Item?, [Diagnostic]) {
    ItemReader(file: "t.jsonl", line: 1, dataset: nil).read(Array(json.utf8))
}

/// Errors only.
func errors(_ ds: [Diagnostic]) -> [Diagnostic] { ds.filter { $0.severity == .error } }

/// The URL of a fixture file.
func fixture(_ name: String) throws -> String {
    guard let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil) else {
        throw CocoaError(.fileNoSuchFile)
    }
    return url.path
}

/// A real PNG file of this size, for datasets whose images must decode.
func pngBytes(width: Int = 64, height: Int = 48) -> [UInt8] {
    PNGEncoder.encode(RGBAImage(width: width, height: height, fill: RGBA(40, 80, 120)))
}

/// A binary PGM (P5) with these gray values, row major.
func pgmBytes(width: Int, height: Int, _ values: [UInt8]) -> [UInt8] {
    Array("P5\n\(width) \(height)\n255\n".utf8) + values
}
