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
        public var label: String
        public var rationale: String?
        public var step: Int?
        /// Set for maps stored in a `.npy` file.
        public var path: String?
        /// Set for inline maps.
        public var rows = 0, cols = 0
        public var values: [Float] = []
        /// Inline values as a list of rows instead of a flat list.
        public var nested = false
    }

    /// One negative.
    public struct NegativeRecord: Sendable {
        public var id: String
        /// As written: an operator name or a synonym.
        public var operatorName: String
        public var edits: [Edit]
        /// SG-, when given.
        public var sceneGraph: SceneGraph?
        public var steps: [String]
        public var answer: String
        /// Write the rationale as one plain string rather than `{steps, answer}`.
        public var plainString = false
        public var scores: (chosen: Double, rejected: Double, confidence: Double)?
    }

    public var id: String
    public var image: Image
    public var question: String
    public var answer: String
    public var form: GraphForm
    public var sceneGraph: SceneGraph
    /// SG+ already encoded (the pool shares it between items); used instead of `sceneGraph` when set.
    public var sceneGraphJSON: [UInt8]?
    public var critical: [ElementRef]?
    public var chosenSteps: [String]
    public var chosenAnswer: String
    /// `negatives`, or `rejected` (its documented synonym).
    public var negativesKey = "negatives"
    public var negatives: [NegativeRecord]
    public var attention: [Attention]
    public var evidence: String?
    public var meta: JSONValue
}
