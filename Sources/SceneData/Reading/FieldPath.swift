/// Where a value sits inside an item, for diagnostics: `negatives[2].edits[0].from`.
///
/// Readers extend a path at every object and list element they visit, yet the
/// text is needed only for the rare finding. Building it eagerly cost about a
/// tenth of `validate`'s time, so the steps after the root are kept as small
/// plain values and turned into text only by `description`: extending a path
/// copies a few words and allocates nothing.
struct FieldPath: Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The member names of the format that paths go through.
    enum Member: String, Sendable {
        case answer, attributes, box, cols, confidence, edits, element, entities, from, height, id, name
        case object, objects, op, `operator`, path, predicate, rationale, relation, relations, relationships
        case rows, scores, step, steps, subject, to, values, width
        case objectID = "object_id"
        case sceneGraph = "scene_graph"
    }

    private enum Step: Sendable {
        case member(Member)
        case index(UInt32)
        /// The member named by `key`, a name read from the data (a GQA object id).
        case key
    }

    /// The root, plus any steps that no longer fitted inline, as text.
    private var head: String
    /// Eight steps hold `negatives[2].scene_graph.objects.7.relations[3].name`.
    private var steps: InlineArray<8, Step> = .init(repeating: .key)
    private var used = 0
    /// The one name read from the data, when a step is `.key`.
    private var key = ""

    /// A path starting at a field such as `scene_graph`, or at a member name read from the data.
    init(_ root: String) { head = root }

    /// `"scene_graph"` written where a path is expected.
    init(stringLiteral root: String) { head = root }

    /// The path of member `name` of the object here: `scene_graph` → `scene_graph.objects`.
    func member(_ name: Member) -> FieldPath { appending(.member(name)) }

    /// The path of a member whose name comes from the data: `objects` → `objects.2410007`.
    func member(key name: String) -> FieldPath {
        // One slot for such a name: an earlier one is rendered into `head` first.
        var path = hasKey ? rendered : self
        path.key = name
        return path.appending(.key)
    }

    /// The path of element `i` of the list here: `negatives` → `negatives[2]`.
    func index(_ i: Int) -> FieldPath {
        guard let small = UInt32(exactly: i) else { return FieldPath(description + "[\(i)]") }
        return appending(.index(small))
    }

    private var hasKey: Bool {
        (0..<used).contains { if case .key = steps[$0] { true } else { false } }
    }

    /// The same path with every step folded into `head`.
    private var rendered: FieldPath { FieldPath(description) }

    private func appending(_ step: Step) -> FieldPath {
        var path = used == steps.count ? rendered : self
        path.key = key
        path.steps[path.used] = step
        path.used += 1
        return path
    }

    /// The path as diagnostics show it.
    var description: String {
        var text = head
        for k in 0..<used {
            switch steps[k] {
            case .member(let name): text += "." + name.rawValue
            case .index(let i): text += "[\(i)]"
            case .key: text += "." + key
            }
        }
        return text
    }
}
