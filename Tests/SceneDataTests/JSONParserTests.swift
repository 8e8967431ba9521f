import Testing
@testable import SceneData

@Suite struct JSONParserTests {
    @Test func parsesValuesAndKeepsKeyOrder() throws {
        let v = try JSONParser.parse(#"{"z": 1, "a": [true, false, null, -0.5e2, "x"], "m": {}}"#)
        guard case .object(let members) = v else { Issue.record("not an object"); return }
        #expect(members.map(\.0) == ["z", "a", "m"])
        #expect(v["a"] == .array([.bool(true), .bool(false), .null, .number(-50), .string("x")]))
        #expect(v["m"] == .object([]))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let v = try JSONParser.parse(#"["a\"b\\c\/\n\t", "\u00e9\u4e2d", "\ud83d\ude00"]"#)
        #expect(v == .array([.string("a\"b\\c/\n\t"), .string("é中"), .string("😀")]))
    }

    @Test(arguments: [
        ("[\"\\ud83d\"]", "invalid \\u escape"),
        ("[\"\\ude00\"]", "invalid \\u escape"),
        ("[\"\\u12G4\"]", "invalid \\u escape"),
        ("[\"\\ud83d\\u0041\"]", "invalid \\u escape"),
    ])
    func rejectsBadUnicodeEscapes(text: String, message: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
        do { _ = try JSONParser.parse(text) } catch { #expect(error.message.hasPrefix(message)); #expect(error.column == 3) }
    }

    @Test func numbersFollowTheGrammar() throws {
        #expect(try JSONParser.parse("[0, -0, 12, 1.5, 1e3, 2E-2, 123456789012345678901]") ==
                .array([.number(0), .number(-0.0), .number(12), .number(1.5), .number(1000), .number(0.02), .number(1.2345678901234568e20)]))
        for bad in ["01", "1.", ".5", "-", "1e", "+1", "0x10", "NaN", "1.e3"] {
            #expect(throws: JSONSyntaxError.self, "\(bad)") { try JSONParser.parse("[\(bad)]") }
        }
    }

    @Test func decimalsAreReadExactlyAsTheStandardLibraryReadsThem() throws {
        // Short decimals take a fast path; it must give the same doubles, bit for bit.
        var texts = ["0.1", "0.001", "-0.0", "0.30000000000000004", "123456.789012345", "9007199254740.993",
                     "1.7976931348623157", "0.000000000000001", "5e-324", "1.5e300"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let whole = Int.random(in: 0...999_999, using: &rng)
            let fraction = String(UInt64.random(in: 0...UInt64.max, using: &rng)).prefix(Int.random(in: 1...12, using: &rng))
            texts.append("\(Bool.random(using: &rng) ? "-" : "")\(whole).\(fraction)")
        }
        for text in texts {
            let parsed = try JSONParser.parse(text).numberValue
            #expect(parsed?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }

    @Test func missingCommaGivesExactColumnAndMessage() {
        // Column 20 is the '"' of "question".
        do {
            _ = try JSONParser.parse(#"{"id": "a", "x": 1 "question": 2}"#)
            Issue.record("no error")
        } catch {
            #expect(error.message.hasPrefix("expected ',' or '}' after object member"))
            #expect(error.line == 1)
            #expect(error.column == 20)
        }
    }

    @Test func columnsCountCharactersNotBytes() {
        // "é" and "中" are 2 and 3 bytes but one character each.
        do {
            _ = try JSONParser.parse(#"{"é中": 1 2}"#)
            Issue.record("no error")
        } catch {
            #expect(error.column == 10)
        }
    }

    @Test func unterminatedStringPointsAtItsQuote() {
        do {
            _ = try JSONParser.parse(#"{"id": "abc"#)
            Issue.record("no error")
        } catch {
            #expect(error.message == "unterminated string")
            #expect(error.column == 8)
        }
    }

    @Test func linesAreCountedInMultiLineText() {
        do {
            _ = try JSONParser.parse("{\n  \"a\": 1,\n  \"b\" 2\n}")
            Issue.record("no error")
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 7)
            #expect(error.message.hasPrefix("expected ':'"))
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try JSONParser.parse(deep)
            Issue.record("no error")
        } catch {
            #expect(error.message.contains("nesting deeper than"))
        }
        let ok = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect((try? JSONParser.parse(ok)) != nil)
    }

    @Test func rejectsTrailingGarbageCommasAndControlCharacters() {
        for bad in ["{} x", "[1,]", "{\"a\":1,}", "[\"a\u{01}\"]", "", "tru", "{'a': 1}"] {
            #expect(throws: JSONSyntaxError.self, "\(bad)") { try JSONParser.parse(bad) }
        }
    }

    @Test func invalidUTF8IsReportedNotFatal() throws {
        let bytes: [UInt8] = Array(#"{"a": ""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)
        let r = try JSONParser.parseReportingUTF8(bytes)
        #expect(r.invalidUTF8Offsets.count == 1)
        #expect(r.value["a"]?.stringValue?.contains("\u{FFFD}") == true)
    }

    @Test func writerRoundTrips() throws {
        let text = #"{"b":[1,2.5,"x\"\n\u0001"],"a":null,"c":{"d":true}}"#
        let v = try JSONParser.parse(text)
        #expect(v.jsonText == text)
        #expect(try JSONParser.parse(v.jsonText) == v)
    }
}
