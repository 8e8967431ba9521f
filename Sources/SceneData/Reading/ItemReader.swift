/// Turns one line of a dataset into an `Item` and the problems found in it.
///
/// Everything that needs no image file is checked here (types, references,
/// grid sizes, operators), so the inspector shows the same findings as
/// `validate`; checks that open images live in `Validator`.
struct ItemReader {
    let file: String
    let line: Int
    /// Resolves attention `path`s; nil when reading without a dataset (tests).
    let dataset: Dataset?
    /// Attention files already read in this run; nil reads every file afresh.
    let attentionFiles: AttentionFileCache?
    /// Binary values of a Parquet row, which the item names as `{"$blob": K}`.
    var blobs: [[UInt8]] = []
    /// What to build; the rest is checked as JSON only.
    var parts: ItemParts = .all
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var itemID: String?

    init(file: String, line: Int, dataset: Dataset?, attentionFiles: AttentionFileCache? = nil) {
        self.file = file; self.line = line; self.dataset = dataset; self.attentionFiles = attentionFiles
    }

    // MARK: - Diagnostics

    mutating func error(_ field: FieldPath?, _ message: String) {
        diagnostics.append(Diagnostic(.error, file: file, line: line, itemID: itemID, field: field?.description, message: message))
    }

    mutating func warning(_ field: FieldPath?, _ message: String) {
        diagnostics.append(Diagnostic(.warning, file: file, line: line, itemID: itemID, field: field?.description, message: message))
    }

    // MARK: - Item

    /// Parses the line's bytes and reads the item.
    func read(_ bytes: [UInt8]) -> (Item?, [Diagnostic]) {
        var r = self
        let value: JSONValue
        var utf8Problem: Int?
        do {
            let parsed = try JSONParser.parseReportingUTF8(bytes, skippingMembers: parts.skippedMembers)
            value = parsed.value
            if let first = parsed.invalidUTF8Offsets.first {
                utf8Problem = r.diagnostics.count
                let column = bytes[..<min(first, bytes.count)].reduce(1) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
                r.diagnostics.append(Diagnostic(.error, file: file, line: line, column: column,
                                                field: Self.pathOfReplacedText(in: parsed.value),
                                                message: "invalid UTF-8 in a string (shown as \u{FFFD})"))
            }
        } catch {
            r.diagnostics.append(Diagnostic(.error, file: file, line: line, column: error.column,
                                            message: "JSON syntax error: \(error.message)"))
            return (nil, r.diagnostics)
        }
        let item = r.readItem(value)
        // Name the item the bad bytes are in, as every other problem on the line does.
        if let k = utf8Problem, let id = item?.id { r.diagnostics[k].itemID = id }
        return (item, r.diagnostics)
    }

    /// Where the first string (a value or a member name) holding U+FFFD sits,
    /// as a field path (`negatives[1].rationale.steps[0]`): the field whose
    /// invalid UTF-8 was replaced. Nil when the replaced text is not found.
    static func pathOfReplacedText(in value: JSONValue, at path: String = "") -> String? {
        switch value {
        case .string(let s):
            return s.unicodeScalars.contains("\u{FFFD}") ? path : nil
        case .array(let elements):
            for (i, e) in elements.enumerated() {
                if let found = pathOfReplacedText(in: e, at: "\(path)[\(i)]") { return found }
            }
            return nil
        case .object(let members):
            for (key, v) in members {
                let here = path.isEmpty ? key : "\(path).\(key)"
                if key.unicodeScalars.contains("\u{FFFD}") { return here }
                if let found = pathOfReplacedText(in: v, at: here) { return found }
            }
            return nil
        case .null, .bool, .number:
            return nil
        }
    }

    /// Reads an item from an already parsed value.
    mutating func readItem(_ value: JSONValue) -> Item? {
        guard let members = value.objectValue else {
            error(nil, "an item must be a JSON object, found \(value.typeDescription)")
            return nil
        }
        var seen = Set<String>()
        for (key, _) in members where !seen.insert(key).inserted {
            warning(FieldPath(key), "member '\(key)' appears more than once; the first is used")
        }
        let id = readItemID(value["id"])
        itemID = id
        let missing = ["image", "question", "answer", "scene_graph", "chosen"].filter { value[$0] == nil }
            + (value["negatives"] == nil && value["rejected"] == nil ? ["negatives"] : [])
        for field in missing { error(FieldPath(field), "required field is missing") }

        let image = readImage(value["image"])
        let question = requiredString(value["question"], "question")
        let answer = requiredString(value["answer"], "answer")
        let plus = value["scene_graph"].flatMap { readSceneGraph($0, field: "scene_graph") }
        let graph = plus?.graph
        let plusIDs = plus?.known ?? []
        let chosen = value["chosen"].map { readRationale($0, field: "chosen") }

        var negativesField = "negatives"
        var negativesValue = value["negatives"]
        if negativesValue == nil, let rejected = value["rejected"] {
            negativesField = "rejected"; negativesValue = rejected
        } else if value["negatives"] != nil && value["rejected"] != nil {
            warning("rejected", "both 'negatives' and its synonym 'rejected' are given; 'rejected' is ignored")
        }
        var negatives: [Negative] = []
        if let nv = negativesValue {
            negatives = readNegatives(nv, field: FieldPath(negativesField), plusIDs: plusIDs)
        }
        var critical: [ElementRef]?
        if let cv = value["critical"] {
            critical = readCritical(cv, known: plusIDs)
        }
        let attention = parts.contains(.attention)
            ? value["attention"].map { readAttention($0, chosen: chosen, negatives: negatives) } ?? [] : []
        var evidence: String?
        if parts.contains(.extras), let ev = value["evidence"] {
            if let s = ev.stringValue { evidence = s } else if ev != .null {
                error("evidence", "must be a string, found \(ev.typeDescription)")
            }
        }
        let scores = value["scores"].flatMap { readScores($0, field: "scores") }
        let counterfactuals = parts.contains(.attention)
            ? value["counterfactual"].map { readCounterfactuals($0, chosen: chosen, negatives: negatives) } ?? [] : []

        guard let id, missing.isEmpty else { return nil }
        return Item(id: id, line: line, image: image ?? .path(""), question: question ?? "", answer: answer ?? "",
                    sceneGraph: graph ?? SceneGraph(entities: [], relations: []),
                    critical: critical, chosen: chosen ?? Rationale(steps: []), negatives: negatives,
                    attention: attention, evidence: evidence, scores: scores,
                    counterfactuals: counterfactuals, meta: parts.contains(.extras) ? value["meta"] : nil)
    }

    private mutating func readItemID(_ v: JSONValue?) -> String? {
        guard let v else { error("id", "required field is missing"); return nil }
        switch v {
        case .string(let s):
            if s.isEmpty { error("id", "must not be empty") }
            return s
        case .number:
            guard let s = Self.idString(v) else {
                error("id", Self.inexactIDMessage(v))
                return nil
            }
            itemID = s
            warning("id", "is a number; it is used as the string \"\(s)\"")
            return s
        default:
            error("id", "must be a string, found \(v.typeDescription)")
            return nil
        }
    }

    /// An id written as a string or a number (Visual Genome ids are numbers),
    /// as a string: 1058549 and 1058549.0 both become "1058549".
    /// Nil for a number that cannot be an id: infinite (`1e400` as parsed),
    /// or at or beyond 2^53, where JSON numbers stop being exact and
    /// 9007199254740993 would silently become 9007199254740992, another id.
    static func idString(_ v: JSONValue) -> String? {
        switch v {
        case .string(let s): return s
        case .number(let n): return n.isFinite && abs(n) < maxExactID ? JSONValue.format(n) : nil
        default: return nil
        }
    }

    /// 2^53: numeric ids must stay below it.
    static let maxExactID: Double = 9_007_199_254_740_992

    /// Why a number is not taken as an id (see `idString`).
    static func inexactIDMessage(_ v: JSONValue) -> String {
        guard let n = v.numberValue, n.isFinite else {
            return "is a number out of range (infinity as parsed); write the id as a string"
        }
        // As read: 9007199254740993 shows as the 9007199254740992 it became.
        let shown = n == n.rounded() && abs(n) < 9e18 ? String(Int64(n)) : String(n)
        return "is the number \(shown), beyond 2^53 where JSON numbers are no longer exact; write the id as a string"
    }

    mutating func requiredString(_ v: JSONValue?, _ field: FieldPath) -> String? {
        guard let v else { return nil }
        if let s = v.stringValue { return s }
        error(field, "must be a string, found \(v.typeDescription)")
        return nil
    }

    // MARK: - Image

    mutating func readImage(_ v: JSONValue?, field f: FieldPath = "image") -> ImageSource? {
        guard let v else { return nil }
        switch v {
        case .string(let s):
            if s.isEmpty { error(f, "must not be empty"); return nil }
            return .path(s)
        case .object:
            // Image bytes of a Parquet row: `{"$blob": K}`, or an image struct `{bytes, path}` holding one.
            if let k = SourceRow.blobIndex(v) ?? v["bytes"].flatMap(SourceRow.blobIndex), blobs.indices.contains(k) {
                if blobs[k].isEmpty { error(f.member(key: "bytes"), "holds no bytes") }
                return .inline(blobs[k])
            }
            guard let b = v["base64"] else {
                error(f, "an inline image needs a 'base64' member"); return nil
            }
            guard let text = b.stringValue else {
                error(f.member(key: "base64"), "must be a string, found \(b.typeDescription)"); return nil
            }
            switch Base64.decode(text) {
            case .success(let bytes):
                if bytes.isEmpty { error(f.member(key: "base64"), "holds no bytes") }
                return .inline(bytes)
            case .failure(let e):
                error(f.member(key: "base64"), e.message); return nil
            }
        default:
            error(f, "must be a path or {\"base64\": ...}, found \(v.typeDescription)")
            return nil
        }
    }

    // MARK: - Rationale

    mutating func readRationale(_ v: JSONValue, field: FieldPath) -> Rationale {
        var rationale: Rationale
        switch v {
        case .string(let s):
            rationale = Rationale(steps: SentenceSplitter.steps(of: s))
        case .object:
            var steps: [String] = []
            if let sv = v["steps"] {
                if let s = sv.stringValue {
                    steps = SentenceSplitter.steps(of: s)
                } else if let list = sv.arrayValue {
                    for (i, e) in list.enumerated() {
                        if let s = e.stringValue { steps.append(s) } else {
                            error(field.member(.steps).index(i), "must be a string, found \(e.typeDescription)")
                        }
                    }
                } else {
                    error(field.member(.steps), "must be a list of strings, found \(sv.typeDescription)")
                }
            } else {
                error(field.member(.steps), "required field is missing")
            }
            var answer: String?
            if let av = v["answer"] {
                if let s = av.stringValue { answer = s } else if av != .null {
                    error(field.member(.answer), "must be a string, found \(av.typeDescription)")
                }
            }
            rationale = Rationale(steps: steps, answer: answer)
        default:
            error(field, "a rationale must be {\"steps\": [...], \"answer\": ...} or a string, found \(v.typeDescription)")
            return Rationale(steps: [])
        }
        if rationale.steps.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) {
            warning(field, "the rationale is empty")
        }
        return rationale
    }

    // MARK: - Scores

    mutating func readScores(_ v: JSONValue, field: FieldPath) -> Scores? {
        guard let members = v.objectValue else {
            error(field, "must be an object of numbers, found \(v.typeDescription)")
            return nil
        }
        var scores = Scores()
        for (key, value) in members {
            guard let n = value.numberValue else {
                if value != .null { warning(field.member(key: key), "is not a number (\(value.typeDescription)); ignored") }
                continue
            }
            // `1e400` parses as infinity: refused here, so no view or statistic sees it.
            guard n.isFinite else {
                warning(field.member(key: key), "is not a finite number; ignored"); continue
            }
            switch key {
            case "chosen": scores.chosen = n
            case "rejected": scores.rejected = n
            case "confidence":
                scores.confidence = n
                if !(0...1).contains(n) { warning(field.member(.confidence), "\(JSONValue.format(n)) is outside [0, 1]") }
            default: scores.other[key] = n
            }
        }
        return scores
    }
}
