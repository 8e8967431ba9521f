import SceneData

/// Everything one output line says, before it is written: the generator's
/// own record of an item, close to FORMAT.md's fields.
public struct ItemRecord: Sendable {
    /// The `image` field: a relative path or the file's bytes inline.
    public enum Image: Sendable {
        case path(String)
        case base64(String)
    }

    /// One attention map entry.
    public struct Attention: Sendable {
        /// `focus` or `step`.
        public var label: String
        /// `chosen` for per-step maps.
        public var rationale: String?
        /// 0-based step for per-step maps.
        public var step: Int?
        /// Set for maps stored in a `.npy` file.
        public var path: String?
        /// Set for inline maps.
        public var rows = 0, cols = 0
        /// Inline values, row major.
        public var values: [Float] = []
        /// Inline values as a list of rows instead of a flat list.
        public var nested = false
        /// The whole entry already encoded (pools share them); written as is when set.
        public var json: [UInt8]?
    }

    /// One negative.
    public struct NegativeRecord: Sendable {
        /// Unique id.
        public var id: String
        /// As written: an operator name or a synonym.
        public var operatorName: String
        /// What the operator changed.
        public var edits: [Edit]
        /// SG-, when given.
        public var sceneGraph: SceneGraph?
        /// The rationale's steps.
        public var steps: [String]
        /// The answer the rationale reaches.
        public var answer: String
        /// Write the rationale as one plain string rather than `{steps, answer}`.
        public var plainString = false
        /// Judge scores of the pair.
        public var scores: (chosen: Double, rejected: Double, confidence: Double)?
    }

    /// Unique id.
    public var id: String
    /// The image, by path or inline.
    public var image: Image
    /// The question as asked.
    public var question: String
    /// The answer the rationale reaches.
    public var answer: String
    /// The form SG+ and SG- are written in.
    public var form: GraphForm
    /// SG+.
    public var sceneGraph: SceneGraph
    /// SG+ already encoded (the pool shares it between items); used instead of `sceneGraph` when set.
    public var sceneGraphJSON: [UInt8]?
    /// SG^c as references; nil leaves the field out.
    public var critical: [ElementRef]?
    /// The chosen rationale's steps.
    public var chosenSteps: [String]
    /// The chosen rationale's answer.
    public var chosenAnswer: String
    /// `negatives`, or `rejected` (its documented synonym).
    public var negativesKey = "negatives"
    /// The hard negatives.
    public var negatives: [NegativeRecord]
    /// Focus and per-step maps.
    public var attention: [Attention]
    /// Evidence text that does not state the answer.
    public var evidence: String?
    /// Generator, seed, template ids, J per negative and extras.
    public var meta: JSONValue
}
