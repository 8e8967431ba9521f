import Foundation
import Testing
@testable import SceneData

/// The byte prefilter of text walks must never pass over a line whose text
/// matches: matches are planted behind JSON escapes, case and diacritics.
@Suite struct TextPrefilterTests {
    static let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive]

    /// The truth: the line parsed, every string in it compared as the search compares.
    static func matches(_ line: String, _ needle: String) -> Bool {
        guard let v = try? JSONParser.parse(line) else { return false }
        func any(_ v: JSONValue) -> Bool {
            switch v {
            case .string(let s): return s.range(of: needle, options: options) != nil
            case .array(let a): return a.contains(where: any)
            case .object(let m): return m.contains { any($0.1) }
            default: return false
            }
        }
        return any(v)
    }

    static let lines = [
        #"{"question": "Is the CUBE red?"}"#,
        #"{"question": "Is the \"cube\" red?"}"#,
        #"{"question": "Is the cu\u0062e red?"}"#,
        #"{"question": "Is the CU\u0042E red?"}"#,
        #"{"question": "a caf\u00e9 here"}"#,
        #"{"question": "a café here"}"#,
        #"{"question": "a cafe\u0301 here"}"#,
        #"{"question": "the \u212Aelvin sign"}"#,
        #"{"question": "the Kelvin sign"}"#,
        #"{"question": "stra\u00dfe"}"#,
        #"{"question": "path a\/b and back\\slash"}"#,
        #"{"question": "tab\there"}"#,
        #"{"question": "nothing to see"}"#,
        #"{"question": "line\nbreak"}"#,
        #"{"steps": ["first", "se", "cond"]}"#,
    ]
    static let needles = ["cube", "CUBE", "\"cube\"", "cafe", "CAFÉ", "kelvin", "strasse", "a/b", "back\\slash",
                          "tab\there", "line\nbreak", "second", "see", "red?", "é", "x"]

    @Test func noMatchIsEverPassedOver() {
        var rejected = 0
        for line in Self.lines {
            for needle in Self.needles {
                let passes = TextPrefilter(anyOf: [needle]).mightMatch(Array(line.utf8))
                if Self.matches(line, needle) {
                    #expect(passes, "\(needle) is in \(line) but the prefilter passed the line over")
                }
                if !passes { rejected += 1 }
            }
        }
        // And it does pass over lines: otherwise it saves nothing.
        #expect(rejected > Self.lines.count * Self.needles.count / 3)
    }

    @Test func escapesAndCaseAreSeenThrough() {
        func passes(_ needle: String, _ line: String) -> Bool { TextPrefilter(anyOf: [needle]).mightMatch(Array(line.utf8)) }
        #expect(passes("cube", #"{"q": "A CUBE"}"#))
        #expect(passes("\"cube\"", #"{"q": "a \"Cube\" b"}"#))
        #expect(passes("cube", #"{"q": "a cu\u0042E b"}"#))
        #expect(passes("a/b", #"{"q": "a\/b"}"#))
        // Non-ASCII in the line (written or escaped): unsure, so parsed.
        #expect(passes("cafe", #"{"q": "caf\u00e9"}"#))
        #expect(passes("kelvin", #"{"q": "\u212Aelvin"}"#))
        #expect(passes("zzz", #"{"q": "ü"}"#))
        // A text that is not ASCII: every line is parsed.
        #expect(passes("café", #"{"q": "nothing"}"#))
        // Sure: ASCII only, no match.
        #expect(!passes("cube", #"{"q": "a sphere"}"#))
        #expect(!passes("cube", #"{"q": "a cu\"be"}"#))
        #expect(!passes("cube", #"{"q": "cu\nbe"}"#))
        // Any of several texts.
        #expect(TextPrefilter(anyOf: ["zzz", "sphere"]).mightMatch(Array(#"{"q": "a SPHERE"}"#.utf8)))
        #expect(!TextPrefilter(anyOf: ["zzz", "yyy"]).mightMatch(Array(#"{"q": "a SPHERE"}"#.utf8)))
    }

    @Test func linesOfTheSamplesAgreeWithTheParse() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples/scenes.jsonl").path
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let needles = ["Cube", "LEFT OF", "sphere", "rubber", "cylinder behind", "metal", "zebra", "yes", "How many"]
        for line in lines {
            for needle in needles where Self.matches(line, needle) {
                #expect(TextPrefilter(anyOf: [needle]).mightMatch(Array(line.utf8)), "\(needle)")
            }
        }
    }
}
