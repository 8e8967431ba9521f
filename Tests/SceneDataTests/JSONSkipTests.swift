import Testing
@testable import SceneData

/// The parser's skip mode (`validate`, `arrayCount`) must accept exactly what
/// `parse` accepts, fail with the same error, and count what a full parse
/// would count: the inspector's negative total relies on it.
@Suite struct JSONSkipTests {
    static let names = ["negatives", "rejected"]

    /// The reference: a full parse, then `negatives` else `rejected` counted.
    static func parsed(_ bytes: [UInt8]) -> Result<Int?, JSONSyntaxError> {
        do {
            let v = try JSONParser.parse(bytes)
            guard case .object = v else { return .success(nil) }
            if case .array(let list)? = v["negatives"] ?? v["rejected"] { return .success(list.count) }
            return .success(0)
        } catch {
            return .failure(error)
        }
    }

    static func counted(_ bytes: ArraySlice<UInt8>) -> Result<Int?, JSONSyntaxError> {
        do { return .success(try JSONParser.arrayCount(ofFirstMemberNamed: names, in: bytes)) } catch { return .failure(error) }
    }

    static func validated(_ bytes: [UInt8]) -> JSONSyntaxError? {
        do { try JSONParser.validate(bytes[...]); return nil } catch { return error }
    }

    /// Both skip entry points against the full parse, on the bytes as given and
    /// on a slice that does not start at index 0 (offsets are the slice's own).
    static func expectAgreement(_ bytes: [UInt8], _ sourceLocation: SourceLocation = #_sourceLocation) {
        let reference = parsed(bytes)
        let shown = String(decoding: bytes.prefix(300), as: UTF8.self)
        #expect(counted(bytes[...]) == reference, "\(shown)", sourceLocation: sourceLocation)
        let padded = Array("xy".utf8) + bytes
        #expect(counted(padded[2...]) == reference, "\(shown) (slice)", sourceLocation: sourceLocation)
        let failure: JSONSyntaxError? = if case .failure(let e) = reference { e } else { nil }
        #expect(validated(bytes) == failure, "\(shown)", sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        (#"{"id": "a", "negatives": [{"id": "n1"}, {"id": "n2", "x": [1, 2, {"negatives": [1]}]}]}"#, 2),
        (#"{"neg\u0061tives": [1, 2]}"#, 2),
        (#"{"ne\u0067atives": [1], "negatives": [1, 2]}"#, 1),
        (#"{"negatives": 5, "negatives": [1, 2]}"#, 0),
        (#"{"negatives": [1], "negatives": [1, 2, 3]}"#, 1),
        (#"{"rejected": [1, 2, 3], "negatives": [1]}"#, 1),
        (#"{"rejected": [1, 2, 3]}"#, 3),
        (#"{"negatives": [1], "rejected": [1, 2]}"#, 1),
        (#"{"rejected": "x", "negatives": []}"#, 0),
        (#"{"negatives": null, "rejected": [1]}"#, 0),
        (#"{"negatives": [[1, 2], [3, [4, 5]], {"negatives": [1, 2, 3]}, []]}"#, 4),
        (#"{"x": {"negatives": [1, 2]}, "y": [[1, 2, 3]]}"#, 0),
        (#"{"id": "q\"uote", "chosen": {"steps": ["a ] b", "c } d"]}, "negatives": ["]", "[", "\u00e9"]}"#, 3),
        ("  {\"negatives\": [ -1.5e+3 , true , false , null ]}\r\n\t ", 4),
        (#"{"negatives": ["\ud83d\ude00", "\uDBFF\uDFFF", "\u0000", "\/\b\f\n\r\t"]}"#, 4),
        (#"{"negatives": [-0, 0.0, 1e400, -1e-400, 123456789012345678901234567890, 1E+2, 5e-324]}"#, 7),
        (#"{"Negatives": [1], "negatives ": [1], "rejected": [1, 2]}"#, 2),
        (#"{}"#, 0),
    ])
    func countsWhatAFullParseCounts(line: String, count: Int) {
        let bytes = Array(line.utf8)
        #expect(Self.counted(bytes[...]) == .success(count))
        Self.expectAgreement(bytes)
    }

    @Test(arguments: [
        #"{"negatives": [1, 2]} x"#,
        #"{"negatives": [1, 2], "x": tru}"#,
        #"{"negatives": [1, 2,]}"#,
        #"{"negatives": [1, 2], }"#,
        #"{"negatives": [1, 2]"#,
        #"{"negatives" [1, 2]}"#,
        #"{negatives: [1, 2]}"#,
        #"{"negatives": ["\ud800"]}"#,
        #"{"negatives": ["\ude00"]}"#,
        #"{"negatives": ["\ud83d\u0041"]}"#,
        #"{"negatives": ["\u12G4"]}"#,
        #"{"negatives": ["\x"]}"#,
        #"{"negatives": ["a"#,
        "{\"negatives\": [\"tab\tin\"]}",
        "{\"negatives\": [\"line\nbreak\"]}",
        #"{"negatives": [01]}"#,
        #"{"negatives": [1.]}"#,
        #"{"negatives": [.5]}"#,
        #"{"negatives": [-]}"#,
        #"{"negatives": [1e]}"#,
        #"{"negatives": [+1]}"#,
        #"{"negatives": [NaN]}"#,
        #"{"negatives": [1, 2]}{"#,
        "",
        "   ",
    ])
    func rejectsWhatAFullParseRejects(line: String) {
        let bytes = Array(line.utf8)
        guard case .failure = Self.counted(bytes[...]) else { Issue.record("accepted: \(line)"); return }
        Self.expectAgreement(bytes)
    }

    @Test(arguments: [#"[{"negatives": [1]}]"#, "[1, 2]", #""negatives""#, "3", "null"])
    func aTopLevelThatIsNotAnObjectHasNoCount(line: String) {
        #expect(Self.counted(Array(line.utf8)[...]) == .success(nil))
        Self.expectAgreement(Array(line.utf8))
    }

    @Test func invalidUTF8IsAcceptedAsParseAcceptsIt() {
        // parse decodes such bytes as U+FFFD rather than failing; so must the count.
        let line: [UInt8] = Array(#"{"negatives": ["a"#.utf8) + [0xFF, 0xC3] + Array(#"", "b"], "k"#.utf8) + [0xE4, 0xB8]
            + Array(#"": 1}"#.utf8)
        #expect(Self.counted(line[...]) == .success(2))
        Self.expectAgreement(line)
        // A name that is "negatives" but for one broken byte is another member.
        let broken: [UInt8] = Array(#"{"negative"#.utf8) + [0xF3] + Array(#"": [1, 2, 3], "rejected": [1]}"#.utf8)
        #expect(Self.counted(broken[...]) == .success(1))
        Self.expectAgreement(broken)
    }

    @Test func theDepthLimitIsTheParsers() {
        // The top-level object and the negatives list are two levels.
        for extra in (JSONParser.maxDepth - 4)...(JSONParser.maxDepth + 2) {
            let line = #"{"negatives": ["# + String(repeating: "[", count: extra) + String(repeating: "]", count: extra) + "]}"
            Self.expectAgreement(Array(line.utf8))
            let accepted = extra + 2 <= JSONParser.maxDepth
            let valid = (try? JSONParser.validate(Array(line.utf8)[...])) != nil
            #expect(valid == accepted, "\(extra) extra levels")
        }
    }

    /// Random items, then the same with random damage: the count and the full
    /// parse must agree on every one, error for error.
    @Test func agreesWithAFullParseOnGeneratedAndDamagedLines() {
        var rng = TestRandom(seed: 0x5CE4E)
        var accepted = 0, rejected = 0
        for _ in 0..<3000 {
            var line = Array(JSONTextMaker.item(&rng).utf8)
            if rng.next() % 3 != 0 {
                for _ in 0..<(1 + rng.next() % 3) { TestRandom.damage(&line, rng: &rng) }
            }
            Self.expectAgreement(line)
            if case .success = Self.parsed(line) { accepted += 1 } else { rejected += 1 }
        }
        // Both kinds must be well represented, or the comparison proves little.
        #expect(accepted > 600)
        #expect(rejected > 600)
    }
}
