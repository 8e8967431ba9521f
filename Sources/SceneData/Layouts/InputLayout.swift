/// How the rows of an input file are laid out; each maps onto the one item model.
public enum InputLayout: String, Sendable, CaseIterable {
    /// SceneLens's own items (docs/FORMAT.md).
    case scenelens
    /// TRL preference rows: `prompt` / `chosen` / `rejected`, plain or conversational, `images` or `image`;
    /// also RLAIF-V's `question` / `chosen` / `rejected` / `image`.
    case trl
    /// LLaVA-style `conversations` with `rejected_conversations` (POVID, mDPO).
    case llava
    /// LLaVA-RLHF: `conversations`, `output_1` / `output_2` and a `preference` flag.
    case llavaRLHF = "llava-rlhf"
    /// HA-DPO: `chosen` / `rejected` (or `reject`) lists keyed by a Visual Genome `image_id`, no image column.
    case haDPO = "ha-dpo"

    /// The layout a row's keys say, nil when none fits.
    public static func detect(keys: [String]) -> InputLayout? {
        let k = Set(keys)
        if k.contains("negatives") || k.contains("scene_graph") || k.contains("answer") { return .scenelens }
        if k.contains("conversations") && k.contains("rejected_conversations") { return .llava }
        if k.contains("output_1") && k.contains("output_2") { return .llavaRLHF }
        if k.contains("image_id") && k.contains("chosen") && (k.contains("rejected") || k.contains("reject"))
            && !k.contains("image") && !k.contains("images") { return .haDPO }
        if k.contains("chosen") && k.contains("rejected") { return .trl }
        return nil
    }
}
