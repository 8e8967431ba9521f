import SceneData

/// One hand-picked item of `Samples/`: what it is about and which corner of
/// FORMAT.md it shows.
struct ShowcaseSpec {
    /// How the item's image is stored.
    enum ImageKind { case png, ppm, base64 }
    /// A flaw planted on purpose for a reviewer (or a lint) to catch.
    enum Planted: String { case identical, sameAnswer = "same_answer", evidenceLeak = "evidence_leak", overlapOutOfRange = "j_out_of_range" }
    /// How the per-step maps are stored.
    enum StepMaps { case float32, float16, none }

    var family: PlanBuilder.Family
    var form: GraphForm
    var operators: [PerturbationOperator]
    var shows: String
    var objects: ClosedRange<Int> = 6...9
    var language: QuestionLanguage = .english
    /// Operator names to write instead of the canonical ones, by negative index.
    var synonyms: [Int: String] = [:]
    /// Negatives whose rationale is written as one plain string.
    var plainStrings: Set<Int> = []
    var rejectedKey = false
    var critical = true
    var image: ImageKind = .png
    var planted: Planted?
    var emoji = false
    var evidence = true
    var focusSize = 16
    var nestedFocus = false
    var stepMaps: StepMaps = .float32

    /// The showcase, in file order.
    static let all: [ShowcaseSpec] = [
        ShowcaseSpec(family: .exists, form: .gqa, operators: [.swap, .replace, .shorten, .overthink],
                     shows: "GQA form with width/height and per-object relations; all four operators with edits and SG-; a 24x24 focus map",
                     focusSize: 24),
        ShowcaseSpec(family: .count, form: .triple, operators: [.shorten, .replace, .overthink],
                     shows: "triple form with boxes on every entity; counting with one step per object"),
        ShowcaseSpec(family: .side, form: .tripleNoBoxes, operators: [.swap, .replace],
                     shows: "triple form without boxes (a language-model parser's graph); no `critical`, so the finder must match the rationale to the graph",
                     critical: false),
        ShowcaseSpec(family: .colour, form: .visualGenome, operators: [.swap, .replace, .overthink],
                     shows: "Visual Genome form with subject_id/object_id; the image is a binary PPM", image: .ppm),
        ShowcaseSpec(family: .compare, form: .visualGenomeNested, operators: [.replace, .shorten, .overthink],
                     shows: "Visual Genome form with nested subject/object relationships; per-step maps stored as float16 .npy",
                     stepMaps: .float16),
        ShowcaseSpec(family: .material, form: .gqa, operators: [.swap, .replace, .overthink],
                     shows: "operator synonyms (misgrounded_relation, hallucinated_entity) next to a canonical name",
                     synonyms: [0: "misgrounded_relation", 1: "hallucinated_entity"]),
        ShowcaseSpec(family: .count, form: .triple, operators: [.replace, .shorten, .overthink],
                     shows: "accented French question; `rejected` instead of `negatives`", language: .french, rejectedKey: true),
        ShowcaseSpec(family: .colour, form: .triple, operators: [.swap, .replace, .overthink],
                     shows: "Chinese question with a Chinese answer; the image is a binary PPM", language: .chinese, image: .ppm),
        ShowcaseSpec(family: .exists, form: .tripleNoBoxes, operators: [.swap, .shorten, .replace],
                     shows: "image inline as base64; a plain-string rationale; evidence with an emoji; no `critical`",
                     plainStrings: [1], critical: false, image: .base64, emoji: true, stepMaps: .none),
        ShowcaseSpec(family: .side, form: .gqa, operators: [.swap, .replace, .overthink],
                     shows: "planted flaw: negative n2 repeats the chosen rationale word for word", planted: .identical),
        ShowcaseSpec(family: .exists, form: .visualGenome, operators: [.swap, .replace],
                     shows: "planted flaw: swap negative n1 reaches the chosen answer anyway", planted: .sameAnswer),
        ShowcaseSpec(family: .colour, form: .triple, operators: [.swap, .replace, .shorten],
                     shows: "planted flaw: the evidence text states the answer", planted: .evidenceLeak),
        ShowcaseSpec(family: .count, form: .triple, operators: [.shorten, .overthink],
                     shows: "planted flaw: one negative's J(SG-, SG+) lies outside [0.3, 0.7]", planted: .overlapOutOfRange),
        ShowcaseSpec(family: .compare, form: .gqa, operators: [.replace, .shorten, .overthink],
                     shows: "synonyms skipped_step and over_specified; a plain-string rationale; the focus map as a nested list of rows",
                     synonyms: [1: "skipped_step", 2: "over_specified"], plainStrings: [2], nestedFocus: true),
        ShowcaseSpec(family: .material, form: .visualGenomeNested, operators: [.swap, .overthink, .replace, .shorten],
                     shows: "a busier scene (10 to 12 objects) with four negatives", objects: 10...10),
    ]
}
