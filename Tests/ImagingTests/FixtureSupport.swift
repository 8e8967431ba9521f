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
