import SceneData

/// A stable fingerprint of what an annotator judged when deciding on a
/// negative: the question and answer, the chosen rationale, the negative's
/// rationale, its operator and its edits. When the dataset changes any of
/// these, the fingerprint changes and the old decision shows as stale.
///
/// FNV-1a 64 over a length-prefixed encoding of the fields (so moving text
/// from one field to the next changes the hash). Runs of white space are
/// folded to one space and ends trimmed first, so re-serialising the dataset
/// does not make decisions stale. The value carries its algorithm name, so a
/// later version can change the recipe without misreading old hashes.
public enum ContentHash {
    /// The prefix of every hash this version writes.
    public static let prefix = "fnv1a64:"

    /// The fingerprint of `negative` as part of `item`.
    public static func of(_ negative: Negative, in item: Item) -> String {
        var h = Hasher64()
        h.field("v1")
        h.field(item.question)
        h.field(item.answer)
        h.rationale(item.chosen)
        h.field(negative.op?.rawValue ?? negative.operatorName)
        h.rationale(negative.rationale)
        h.count(negative.edits.count)
        for e in negative.edits { h.edit(e) }
        return prefix + h.hex
    }

    /// True when a decision was made on different content than `currentHash` describes.
    public static func isStale(_ decision: Decision, currentHash: String) -> Bool {
        decision.contentHash != currentHash
    }

    /// True when the decision no longer matches `negative` in `item`.
    public static func isStale(_ decision: Decision, negative: Negative, in item: Item) -> Bool {
        isStale(decision, currentHash: of(negative, in: item))
    }
}

/// FNV-1a, 64 bit, fed with length-prefixed fields.
struct Hasher64 {
    private(set) var state: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func byte(_ b: UInt8) {
        state ^= UInt64(b)
        state = state &* 0x0000_0100_0000_01b3
    }

    mutating func count(_ n: Int) {
        var v = UInt64(max(n, 0))
        for _ in 0..<8 { byte(UInt8(truncatingIfNeeded: v)); v >>= 8 }
    }

    mutating func field(_ s: String) {
        var s = s
        // ASCII (nearly every field): folded and hashed from the bytes, no
        // Characters and no new String (the split and join took 13% of `stats`).
        if s.withUTF8({ asciiField($0) }) { return }
        let text = Self.foldSpace(s)
        count(text.utf8.count)
        for b in text.utf8 { byte(b) }
    }

    /// `field` of an all-ASCII text, the bytes `foldSpace` would give: runs
    /// of ASCII whitespace (what `Character.isWhitespace` says of ASCII:
    /// tab, line feed, vertical tab, form feed, carriage return, space) become
    /// one space, none at either end. False, hashing nothing, for other text.
    private mutating func asciiField(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var length = 0
        var pending = false
        for c in b {
            if c >= 0x80 { return false }
            if Self.isASCIISpace(c) { pending = length > 0; continue }
            length += pending ? 2 : 1
            pending = false
        }
        count(length)
        pending = false
        var started = false
        for c in b {
            if Self.isASCIISpace(c) { pending = started; continue }
            if pending { byte(0x20); pending = false }
            byte(c)
            started = true
        }
        return true
    }

    private static func isASCIISpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }

    /// The hash of one field as `field` makes it (tests compare the ASCII path with the general one).
    static func fieldHash(_ s: String, general: Bool) -> UInt64 {
        var h = Hasher64()
        if general {
            let text = foldSpace(s)
            h.count(text.utf8.count)
            for b in text.utf8 { h.byte(b) }
        } else {
            h.field(s)
        }
        return h.state
    }

    mutating func optionalField(_ s: String?) {
        if let s { byte(1); field(s) } else { byte(0) }
    }

    mutating func rationale(_ r: Rationale) {
        count(r.steps.count)
        for s in r.steps { field(s) }
        optionalField(r.answer)
    }

    mutating func ref(_ r: ElementRef) {
        switch r {
        case .entity(let id): byte(1); field(id)
        case .attribute(let a): byte(2); field(a.entity); field(a.value)
        case .relation(let t): byte(3); field(t.subject); field(t.predicate); field(t.object)
        }
    }

    mutating func edit(_ e: Edit) {
        switch e {
        case .swap(let t): byte(1); ref(.relation(t))
        case .replace(let from, let to):
            byte(2); ref(from)
            switch to {
            case .element(let r): byte(1); ref(r)
            case .name(let n): byte(2); field(n)
            }
        case .remove(let r): byte(3); ref(r)
        case .add(let r): byte(4); ref(r)
        }
    }

    var hex: String {
        let digits = Array("0123456789abcdef")
        var out = ""
        for shift in stride(from: 60, through: 0, by: -4) {
            out.append(digits[Int((state >> UInt64(shift)) & 0xf)])
        }
        return out
    }

    static func foldSpace(_ s: String) -> String {
        s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
