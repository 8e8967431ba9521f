import Foundation

/// A reference to one element of a scene graph, as `critical` and `edits` use.
public enum ElementRef: Sendable, Hashable {
    /// An entity id (`"o2"`).
    case entity(String)
    /// An attribute pair (`["o2", "red"]`).
    case attribute(AttributePair)
    /// A relation triple (`["o1", "left of", "o2"]`).
    case relation(Relation)
}

/// The target of a `replace` edit: another element, or a bare name that is in
/// no graph ("dog" replacing "cat").
public enum ReplaceTarget: Sendable, Hashable {
    case element(ElementRef)
    case name(String)
}

/// What a perturbation operator changed, as the dataset records it.
public enum Edit: Sendable, Hashable {
    case swap(relation: Relation)
    case replace(from: ElementRef, to: ReplaceTarget)
    case remove(ElementRef)
    case add(ElementRef)
}

/// The four SceneAlign perturbation operators.
public enum PerturbationOperator: String, Sendable, Hashable, CaseIterable {
    case swap, replace, shorten, overthink

    /// Reads an operator name or one of its documented synonyms
    /// (`misgrounded_relation`, `hallucinated_entity`, `skipped_step`, `over_specified`).
    public init?(name: String) {
        switch name.lowercased() {
        case "swap", "misgrounded_relation": self = .swap
        case "replace", "hallucinated_entity": self = .replace
        case "shorten", "skipped_step": self = .shorten
        case "overthink", "over_specified": self = .overthink
        default: return nil
        }
    }

    /// The operator name of a negative whose data says nothing of how it was made
    /// (TRL, RLAIF-V, POVID and other preference layouts).
    public static let unlabelled = "unlabelled"

    /// The failure the operator mimics, for help texts and tables.
    public var failure: String {
        switch self {
        case .swap: "mis-grounded relation"
        case .replace: "hallucinated entity"
        case .shorten: "skipped step"
        case .overthink: "over-specified reasoning"
        }
    }
}

/// A rationale: reasoning steps and the answer they reach.
public struct Rationale: Sendable, Hashable {
    public var steps: [String]
    public var answer: String?
    /// A rationale from its parts.
    public init(steps: [String], answer: String? = nil) { self.steps = steps; self.answer = answer }
}

/// Judge scores: `chosen`, `rejected`, `confidence` and any other numbers given.
public struct Scores: Sendable, Hashable {
    public var chosen: Double?
    public var rejected: Double?
    /// In [0, 1]; used to weight or filter pairs.
    public var confidence: Double?
    /// Every other numeric field, by name.
    public var other: [String: Double]
    /// Scores from their parts.
    public init(chosen: Double? = nil, rejected: Double? = nil, confidence: Double? = nil, other: [String: Double] = [:]) {
        self.chosen = chosen; self.rejected = rejected; self.confidence = confidence; self.other = other
    }
}

/// One hard negative: a rationale written from a perturbed scene graph.
public struct Negative: Sendable, Hashable {
    /// Unique within the item; decisions are keyed by (item id, negative id).
    public var id: String
    /// The operator, when the name was one of the known ones.
    public var op: PerturbationOperator?
    /// The operator name exactly as written in the file.
    public var operatorName: String
    public var edits: [Edit]
    /// SG-, when the dataset gives it.
    public var sceneGraph: SceneGraph?
    public var rationale: Rationale
    public var scores: Scores?
    /// A negative from its parts.
    public init(id: String, op: PerturbationOperator?, operatorName: String, edits: [Edit] = [],
                sceneGraph: SceneGraph? = nil, rationale: Rationale, scores: Scores? = nil) {
        self.id = id; self.op = op; self.operatorName = operatorName; self.edits = edits
        self.sceneGraph = sceneGraph; self.rationale = rationale; self.scores = scores
    }
}

/// Where an item's image comes from.
public enum ImageSource: Sendable, Hashable {
    /// A path as written in the file, relative to the dataset's folder unless absolute.
    case path(String)
    /// The image file's bytes, inline.
    case inline([UInt8])
}

/// A grid of attention values, row major; `AttentionMap.fit` says what part of the image it covers.
public struct AttentionGrid: Sendable, Hashable {
    public var rows: Int
    public var cols: Int
    /// `rows * cols` values, not normalised.
    public var values: [Float]
    /// A grid from its parts; `values.count` should be `rows * cols`.
    public init(rows: Int, cols: Int, values: [Float]) { self.rows = rows; self.cols = cols; self.values = values }
    /// The value at (row, col).
    public subscript(row: Int, col: Int) -> Float { values[row * cols + col] }
}

/// An attention map of the item: a label, what it belongs to, and its grid.
public struct AttentionMap: Sendable, Hashable {
    /// Names the map (`focus`, `step`...).
    public var label: String
    /// `chosen` or a negative's id, when the map belongs to one rationale.
    public var rationale: String?
    /// 0-based step of that rationale, when the map belongs to one step.
    public var step: Int?
    /// The file the grid was read from, when it was not inline.
    public var path: String?
    /// The values; nil when they could not be read (a diagnostic says why).
    public var grid: AttentionGrid?
    /// How the grid lies on the image (`fit`, or `region`): the whole image unless the data says otherwise.
    public var fit: AttentionFit
    /// A map from its parts.
    public init(label: String, rationale: String? = nil, step: Int? = nil, path: String? = nil, grid: AttentionGrid?,
                fit: AttentionFit = .stretch) {
        self.label = label; self.rationale = rationale; self.step = step; self.path = path; self.grid = grid
        self.fit = fit
    }
}

/// One dataset item: an image, a question and answer, SG+, the chosen
/// rationale, its negatives and the optional signals riding along.
public struct Item: Sendable, Hashable {
    public var id: String
    /// 1-based line of the dataset file the item was read from.
    public var line: Int
    public var image: ImageSource
    public var question: String
    public var answer: String
    /// SG+.
    public var sceneGraph: SceneGraph
    /// SG^c as the dataset gives it; nil when the field is missing.
    public var critical: [ElementRef]?
    public var chosen: Rationale
    public var negatives: [Negative]
    public var attention: [AttentionMap]
    public var evidence: String?
    public var scores: Scores?
    /// `meta`, kept as it was.
    public var meta: JSONValue?

    /// An item from its parts.
    public init(id: String, line: Int, image: ImageSource, question: String, answer: String,
                sceneGraph: SceneGraph, critical: [ElementRef]? = nil, chosen: Rationale,
                negatives: [Negative], attention: [AttentionMap] = [], evidence: String? = nil,
                scores: Scores? = nil, meta: JSONValue? = nil) {
        self.id = id; self.line = line; self.image = image; self.question = question; self.answer = answer
        self.sceneGraph = sceneGraph; self.critical = critical; self.chosen = chosen
        self.negatives = negatives; self.attention = attention; self.evidence = evidence
        self.scores = scores; self.meta = meta
    }

    /// The negative with this id.
    public func negative(_ id: String) -> Negative? { negatives.first { $0.id == id } }
}

/// A JSON value, objects keeping their key order (for `meta` and re-export).
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case let (.bool(x), .bool(y)): x == y
        case let (.number(x), .number(y)): x == y
        case let (.string(x), .string(y)): x == y
        case let (.array(x), .array(y)): x == y
        case let (.object(x), .object(y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .null: h.combine(0)
        case .bool(let v): h.combine(1); h.combine(v)
        case .number(let v): h.combine(2); h.combine(v)
        case .string(let v): h.combine(3); h.combine(v)
        case .array(let v): h.combine(4); h.combine(v)
        case .object(let v): h.combine(5); for (k, x) in v { h.combine(k); h.combine(x) }
        }
    }

    /// The member with this key, for objects.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }
}
