import Foundation
import Testing
import Review
import SceneData
@testable import Inspector

/// The inspector lints with the image size from the image header, as
/// `scenelens lint` does, when the scene graph gives no width and height.
@Suite struct InspectorLintImageSizeTests {
    /// A dataset of one item whose graph has no size and whose attention lies
    /// far from the critical boxes, beside a 200x100 PGM image.
    static func writeDataset() throws -> (dir: URL, path: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scenelens-insp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("P5\n200 100\n255\n".utf8 + [UInt8](repeating: 128, count: 200 * 100)).write(to: dir.appendingPathComponent("g.pgm"))
        let values = (0..<100).map { $0 == 99 ? "1" : "0" }.joined(separator: ",")
        let line = """
        {"id":"a1","image":"g.pgm","question":"Is the sun above the bike?","answer":"yes",\
        "scene_graph":{"entities":[{"id":"s","name":"sun","box":[0,0,20,20]},{"id":"m","name":"bike","box":[30,0,20,20]}],\
        "relations":[["s","above","m"]]},"critical":[["s","above","m"]],\
        "chosen":{"steps":["The sun is above the bike."],"answer":"yes"},\
        "negatives":[{"id":"n1","operator":"swap","rationale":{"steps":["The bike is above the sun."],"answer":"no"}}],\
        "attention":[{"label":"focus","rows":10,"cols":10,"values":[\(values)]}]}
        """
        let path = dir.appendingPathComponent("d.jsonl").path
        try Data((line + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return (dir, path)
    }

    @Test func attentionLintsUseTheImageHeaderSize() throws {
        let (dir, path) = try Self.writeDataset(); defer { try? FileManager.default.removeItem(at: dir) }
        let data = try Dataset.open(path: path)
        let item = try #require(data.item(at: 0).item)
        #expect(item.sceneGraph.width == nil)
        let services = EffectRunner.Services.standard(source: DatasetSource(data), store: nil)
        let lines = services.lint(item).item
        #expect(lines.contains { $0.hasPrefix("warning: attention-off-target: ") })
    }
}
