/// A small seeded generator (SplitMix64), so a failing line can be made again.
struct TestRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    /// A non-negative random number.
    mutating func next() -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
    }

    mutating func pick<T>(_ choices: [T]) -> T { choices[next() % choices.count] }

    /// Bytes that matter to a JSON reader, for damaging lines.
    static let damageBytes: [UInt8] = Array(#"[]{},:"\u0123456789eE+-. tfn"#.utf8) + [0x00, 0x09, 0x0A, 0xFF, 0xC3, 0x80]

    /// One random edit: a byte removed, inserted or replaced, or the line cut short.
    static func damage(_ line: inout [UInt8], rng: inout TestRandom) {
        guard !line.isEmpty else { line = [rng.pick(damageBytes)]; return }
        let at = rng.next() % line.count
        switch rng.next() % 4 {
        case 0: line.remove(at: at)
        case 1: line.insert(rng.pick(damageBytes), at: at)
        case 2: line[at] = rng.pick(damageBytes)
        default: line.removeSubrange(at...)
        }
    }
}

/// Items as JSON text with what a reader can get wrong: escapes (also in
/// member names that spell `negatives`), surrogate pairs, numbers of every
/// shape and size, nesting, repeated and reordered members, whitespace.
enum JSONTextMaker {
    static func item(_ r: inout TestRandom) -> String {
        var members: [String] = []
        for _ in 0..<(r.next() % 6) {
            let key = r.pick([#""negatives""#, #""rejected""#, #""neg\u0061tives""#, #""re\u006aected""#,
                              #""id""#, #""negatives ""#, #""x""#])
            let value = r.next() % 3 == 0 ? value(&r, depth: 1) : list(&r, depth: 1)
            members.append(space(&r) + key + space(&r) + ":" + space(&r) + value + space(&r))
        }
        return space(&r) + "{" + members.joined(separator: ",") + space(&r) + "}" + space(&r)
    }

    static func value(_ r: inout TestRandom, depth: Int) -> String {
        switch r.next() % (depth > 4 ? 5 : 7) {
        case 0: return r.pick(["true", "false", "null"])
        case 1, 2: return number(&r)
        case 3, 4: return string(&r)
        case 5: return list(&r, depth: depth + 1)
        default: return object(&r, depth: depth + 1)
        }
    }

    static func list(_ r: inout TestRandom, depth: Int) -> String {
        let elements = (0..<(r.next() % 5)).map { _ in space(&r) + value(&r, depth: depth + 1) + space(&r) }
        return "[" + elements.joined(separator: ",") + space(&r) + "]"
    }

    static func object(_ r: inout TestRandom, depth: Int) -> String {
        let members = (0..<(r.next() % 4)).map { _ in string(&r) + space(&r) + ":" + space(&r) + value(&r, depth: depth + 1) }
        return "{" + members.joined(separator: "," + space(&r)) + "}"
    }

    static func number(_ r: inout TestRandom) -> String {
        var s = r.next() % 4 == 0 ? "-" : ""
        let long = r.next() % 10 == 0
        s += r.next() % 3 == 0 ? "0" : String(1 + r.next() % 9) + String(repeating: "7", count: r.next() % (long ? 40 : 4))
        if r.next() % 2 == 0 { s += "." + String(r.next() % 1000) }
        if r.next() % 3 == 0 {
            s += r.pick(["e", "E"]) + r.pick(["", "+", "-"]) + String(r.next() % (r.next() % 5 == 0 ? 99999 : 30))
        }
        return s
    }

    static func string(_ r: inout TestRandom) -> String {
        var s = "\""
        for _ in 0..<(r.next() % 8) {
            s += r.pick(["a", "negatives", " ", "é", "中", "😀", #"\""#, #"\\"#, #"\/"#, #"\n"#, #"\t"#,
                         #"\u0041"#, #"\u00e9"#, #"\ud83d\ude00"#, #"\uDBFF\uDFFF"#, "]", "}", ",", ":"])
        }
        return s + "\""
    }

    static func space(_ r: inout TestRandom) -> String { r.pick(["", "", "", " ", "\t", "\r\n", "  "]) }
}
