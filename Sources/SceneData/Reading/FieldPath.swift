/// Where a value sits inside an item, for diagnostics: `negatives[2].edits[0].from`.
///
/// Readers extend a path at every object and list element they visit, yet the
/// text is needed only for the rare finding. Building it eagerly cost about a
/// tenth of `validate`'s time, so the steps after the root are kept as values
/// (no allocation) and turned into text only by `description`.
struct FieldPath: Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    private enum Step: Sendable {
        case member(String)
        case index(Int)
    }

    /// The root, plus any steps that no longer fitted inline, as text.
    private var head: String
    /// Six steps are enough for `negatives[2].scene_graph.relationships[3].subject.object_id`.
    private var steps: InlineArray<6, Step> = .init(repeating: .index(0))
    private var used = 0

    /// A path starting at a top-level field such as `scene_graph`.
    init(_ root: String) { head = root }

    /// `"scene_graph"` written where a path is expected.
    init(stringLiteral root: String) { head = root }

    /// The path of member `name` of the object here: `scene_graph` → `scene_graph.objects`.
    func member(_ name: String) -> FieldPath { appending(.member(name)) }

    /// The path of element `i` of the list here: `negatives` → `negatives[2]`.
    func index(_ i: Int) -> FieldPath { appending(.index(i)) }

    private func appending(_ step: Step) -> FieldPath {
        var path = self
        if path.used == path.steps.count {
            path.head = path.description
            path.used = 0
        }
        path.steps[path.used] = step
        path.used += 1
        return path
    }

    /// The path as diagnostics show it.
    var description: String {
        var text = head
        for k in 0..<used {
            switch steps[k] {
            case .member(let name): text += "." + name
            case .index(let i): text += "[\(i)]"
            }
        }
        return text
    }
}
