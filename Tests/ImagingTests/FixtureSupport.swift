import Foundation
@testable import Imaging

/// The fixture list written by Fixtures/make_fixtures.py.
struct FixtureManifest: Decodable {
    struct Valid: Decodable, Sendable, CustomStringConvertible {
        var file: String, width: Int, height: Int, tolerance: Int
        var description: String { file }
    }
    struct Broken: Decodable, Sendable, CustomStringConvertible {
        var file: String, kind: String, contains: String
        var description: String { file }
    }
    var valid: [Valid]
    var broken: [Broken]

    static let shared: FixtureManifest = {
        guard let data = try? Data(contentsOf: Fixtures.url("manifest.json")),
              let m = try? JSONDecoder().decode(FixtureManifest.self, from: data) else {
            return FixtureManifest(valid: [], broken: [])
        }
        return m
    }()
}

/// Paths into the copied Fixtures folder.
enum Fixtures {
    static func url(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)?.appendingPathComponent(name)
            ?? URL(fileURLWithPath: "/nonexistent/\(name)")
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(name)))
    }
}

/// An 8-bit RGB PNG of `width` x `height` whose zlib stream is `stream`,
/// cut into IDAT chunks of `split` bytes.
func rgbPNG(width: UInt32, height: UInt32, stream: [UInt8], split: Int) -> [UInt8] {
    var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    var ihdr = [UInt8]()
    ihdr.appendBigEndian(width); ihdr.appendBigEndian(height)
    ihdr += [8, 2, 0, 0, 0]
    PNGEncoder.appendChunk("IHDR", ihdr, to: &out)
    var at = 0
    while at < stream.count {
        PNGEncoder.appendChunk("IDAT", Array(stream[at..<min(at + split, stream.count)]), to: &out)
        at += split
    }
    PNGEncoder.appendChunk("IEND", [], to: &out)
    return out
}
