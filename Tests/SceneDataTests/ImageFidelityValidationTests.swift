import Foundation
import Testing
@testable import SceneData

/// `validate` checks boxes against the upright image the model trains on,
/// says when an image carries a rotation, and warns, naming the file, where
/// the training path's conversion to RGB loses information.
@Suite struct ImageFidelityValidationTests {
    func validate(image: String, objects: [String: Any]) throws -> [Diagnostic] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixture("images/" + image))))
        let t = try TempDataset(lines: [line(itemObject(id: "x", ["image": image, "scene_graph": ["objects": objects]]))],
                                files: [image: bytes])
        return Validator().validate(try t.open()).diagnostics
    }

    @Test func boxesOfARotatedJPEGAreCheckedUpright() throws {
        // Stored 12x8 with EXIF orientation 6: upright it is 8 wide, 12 high.
        let ds = try validate(image: "orient6.jpg", objects: [
            "1": ["name": "tall", "x": 0, "y": 4, "w": 8, "h": 8] as [String: Any],
            "2": ["name": "wide", "x": 2, "y": 0, "w": 10, "h": 4] as [String: Any],
        ])
        #expect(errors(ds).map(\.field) == ["scene_graph.objects.2"])
        #expect(errors(ds).first?.message.contains("outside the 8 x 12 image") == true)
        let note = try #require(ds.first { $0.severity == .info && $0.field == "image" })
        #expect(note.message.hasPrefix("EXIF orientation 6: rotated 90° clockwise"))
    }

    @Test func sixteenBitGreyIsAWarningNamingTheFile() throws {
        let ds = try validate(image: "grey16.png", objects: ["1": ["name": "a", "x": 0, "y": 0, "w": 5, "h": 5] as [String: Any]])
        let w = try #require(ds.first { $0.severity == .warning && $0.field == "image" })
        #expect(w.message.hasPrefix("grey16.png: 16-bit grey: 79 of 80 pixels"))
        #expect(errors(ds).isEmpty)
    }
}
