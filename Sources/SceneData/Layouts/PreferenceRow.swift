import Foundation

/// Maps a row of a preference layout (TRL, RLAIF-V, LLaVA, LLaVA-RLHF) onto a
/// SceneLens item as JSON, so one reader checks and builds every layout: no
/// scene graph, an empty answer, one negative `rejected` with operator `unlabelled`.
enum PreferenceRow {
    /// The SceneLens item for `row`; `fallbackID` when the row has no id column;
    /// `imageForID` names the image file of a row that gives only an image id (HA-DPO).
    static func item(_ row: JSONValue, layout: InputLayout, fallbackID: String,
                     imageForID: (String) -> String = { "\($0).jpg" }) -> JSONValue {
        if layout == .scenelens { return row }
        var question: String?
        var chosen: String?
        var rejected: [String]?
        switch layout {
        case .scenelens: break
        case .trl:
            question = text(row["prompt"], role: "user") ?? text(row["question"], role: "user")
            chosen = text(row["chosen"], role: "assistant")
            rejected = texts(row["rejected"], role: "assistant")
        case .haDPO:
            // desc_data: lists of descriptions, no question; pope_data: `question`, `chosen`, `reject`.
            question = text(row["question"], role: "user") ?? ""
            chosen = texts(row["chosen"], role: "assistant")?.first
            rejected = texts(row["rejected"] ?? row["reject"], role: "assistant")
        case .llava:
            question = turn(row["conversations"], from: ["human", "user"])
            chosen = turn(row["conversations"], from: ["gpt", "assistant"])
            rejected = turn(row["rejected_conversations"], from: ["gpt", "assistant"]).map { [$0] }
        case .llavaRLHF:
            question = turn(row["conversations"], from: ["human", "user"])
            let one = text(row["output_1"]?["value"] ?? row["output_1"], role: "assistant")
            let two = text(row["output_2"]?["value"] ?? row["output_2"], role: "assistant")
            // `preference` names the better output (1 or 2).
            let prefersTwo = row["preference"]?.numberValue == 2 || row["preference"]?.stringValue == "2"
            chosen = prefersTwo ? two : one
            rejected = (prefersTwo ? one : two).map { [$0] }
        }
        var members: [(String, JSONValue)] = [("id", .string(id(row) ?? fallbackID))]
        if let image = image(row) {
            members.append(("image", image))
        } else if layout == .haDPO, let imageID = row["image_id"].flatMap(ItemReader.idString) {
            members.append(("image", .string(imageForID(imageID))))
        }
        if let question { members.append(("question", .string(DisplayText.clean(question)))) }
        // What the layout does not hold is absent, not invented: no answer, no graph, no operator.
        members.append(("answer", .string(row["answer"]?.stringValue ?? "")))
        if let graph = row["scene_graph"], graph.objectValue != nil {
            members.append(("scene_graph", graph))
        } else {
            members.append(("scene_graph", .object([("entities", .array([])), ("relations", .array([]))])))
        }
        if let chosen { members.append(("chosen", .string(DisplayText.clean(chosen)))) }
        let op = row["operator"]?.stringValue ?? PerturbationOperator.unlabelled
        let texts: [String?] = rejected.map { $0.isEmpty ? [nil] : $0.map(Optional.some) } ?? [nil]
        let negatives: [JSONValue] = texts.enumerated().map { k, text in
            var negative: [(String, JSONValue)] = [("id", .string(texts.count == 1 ? "rejected" : "rejected-\(k + 1)")),
                                                   ("operator", .string(op))]
            if let text { negative.append(("rationale", .string(DisplayText.clean(text)))) }
            return .object(negative)
        }
        members.append(("negatives", .array(negatives)))
        var meta: [(String, JSONValue)] = [("layout", .string(layout.rawValue))]
        if let source = row["ds_name"] ?? row["source"] { meta.append(("source", source)) }
        members.append(("meta", .object(meta)))
        return .object(members)
    }

    /// The top-level columns a layout's items are made from (with the id
    /// columns); nil for every column (SceneLens rows).
    static func columns(for layout: InputLayout) -> Set<String>? {
        let common: Set<String> = ["image", "images", "answer", "scene_graph", "operator", "ds_name", "source"]
        switch layout {
        case .scenelens: return nil
        case .trl: return common.union(["prompt", "question", "chosen", "rejected"]).union(idColumns)
        case .haDPO: return common.union(["question", "chosen", "rejected", "reject", "image_id"]).union(idColumns)
        case .llava: return common.union(["conversations", "rejected_conversations"]).union(idColumns)
        case .llavaRLHF: return common.union(["conversations", "output_1", "output_2", "preference"]).union(idColumns)
        }
    }

    /// The columns an item's own id may come from, in order of preference.
    static let idColumns = ["id", "idx", "image_id", "sample_id"]

    /// Several texts: a list of strings (HA-DPO's alternatives), or one text.
    static func texts(_ v: JSONValue?, role: String) -> [String]? {
        if let list = v?.arrayValue, !list.isEmpty, list.allSatisfy({ $0.stringValue != nil }) {
            return list.compactMap(\.stringValue)
        }
        return text(v, role: role).map { [$0] }
    }

    /// The row's own id: `id`, `idx`, `image_id` or `sample_id`, as a string.
    static func id(_ row: JSONValue) -> String? {
        for key in idColumns {
            if let v = row[key], let s = ItemReader.idString(v), !s.isEmpty { return s }
        }
        return nil
    }

    /// A text field: a string, or a list of chat messages whose `role` turns are joined.
    static func text(_ v: JSONValue?, role: String) -> String? {
        guard let v else { return nil }
        if let s = v.stringValue { return s }
        guard let messages = v.arrayValue else { return nil }
        let wanted = messages.filter { $0["role"]?.stringValue == role }
        let picked = wanted.isEmpty ? messages : wanted
        let parts = picked.compactMap { content($0["content"] ?? $0["value"]) }
        return parts.isEmpty ? nil : parts.joined(separator: "\n")
    }

    /// Message content: a string, or a list of `{type: text, text}` parts (image parts dropped).
    private static func content(_ v: JSONValue?) -> String? {
        guard let v else { return nil }
        if let s = v.stringValue { return s }
        let texts = (v.arrayValue ?? []).compactMap { $0["text"]?.stringValue }
        return texts.isEmpty ? nil : texts.joined(separator: " ")
    }

    /// The first turn `from` one of `speakers` in a LLaVA conversation.
    static func turn(_ v: JSONValue?, from speakers: Set<String>) -> String? {
        guard let turns = v?.arrayValue else { return nil }
        return turns.first { ($0["from"]?.stringValue).map(speakers.contains) ?? false }?["value"]?.stringValue
    }

    /// `image` or the first of `images`: a path, or `{bytes, path}` with bytes
    /// (a `{"$blob": K}` from a Parquet row) given inline.
    static func image(_ row: JSONValue) -> JSONValue? {
        var v = row["image"] ?? row["images"]
        if let list = v?.arrayValue { v = list.first }
        guard let v, v != .null else { return nil }
        if let s = v.stringValue { return .string(s) }
        if let b = v["bytes"], SourceRow.blobIndex(b) != nil { return b }
        if let b = v["bytes"], let text = b["base64"]?.stringValue { return .object([("base64", .string(text))]) }
        if let b = v["base64"] { return .object([("base64", b)]) }
        if let p = v["path"]?.stringValue, !p.isEmpty { return .string(p) }
        return v
    }
}

/// Text as a person should read it: no `<image>` tokens or chat-template markers.
public enum DisplayText {
    static let markers = ["<image>", "<|im_start|>", "<|im_end|>", "<|eot_id|>", "<|begin_of_text|>",
                          "<|start_header_id|>", "<|end_header_id|>", "<s>", "</s>", "[INST]", "[/INST]",
                          "<start_of_turn>", "<end_of_turn>", "<|user|>", "<|assistant|>", "<|endoftext|>"]

    /// `s` without the markers, trimmed.
    public static func clean(_ s: String) -> String {
        var out = s
        for m in markers where out.contains(m) { out = out.replacingOccurrences(of: m, with: " ") }
        // A marker's own line leaves blank space behind.
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        return lines.filter { !$0.isEmpty }.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
