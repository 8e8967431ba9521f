import Analysis
import ArgumentParser
import Foundation
import Review
import SceneData

/// `scenelens perturb DATASET --out FILE`: the structural half of the SceneAlign
/// pipeline. Each item's critical subgraph is perturbed by the four operators,
/// the candidates whose J lies in the band are kept (operators taking turns,
/// fixed by the seed), and the items are written back with those as negatives
/// that have edits and a prompt for a rationale writer, but no rationale yet.
struct Perturb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perturb",
        _superCommandName: SceneLens.name,
        abstract: "Propose hard negatives: perturb each item's critical subgraph (swap, replace, shorten, overthink) and keep those with J in the band.",
        discussion: """
        Needs items with a scene graph and a chosen rationale (SG^c is the item's 'critical' \
        list, or found from the rationale's words). Writes every item that got a proposal, \
        its negatives replaced by the proposals (or followed by them with --keep-negatives): \
        each has an id, operator, edits, j, the critical elements it touches and a \
        writer_prompt, and no rationale until a writer adds one. With --list, prints every \
        candidate of one item with its J instead. See docs/perturb.md.
        Exit status: 0 when every item got a proposal, 1 when some got none, 2 when the \
        dataset could not be read or an option is wrong.
        """)

    @Argument(help: "The dataset, a JSON Lines file.")
    var dataset: String

    @Option(help: "Where to write the items with their proposed negatives (JSON Lines).")
    var out: String?

    @Option(name: .customLong("j-min"), help: "Lowest J(SG-, SG^c) kept.")
    var jMin: Double = 0.3

    @Option(name: .customLong("j-max"), help: "Highest J(SG-, SG^c) kept.")
    var jMax: Double = 0.7

    @Option(help: "How many negatives to propose per item.")
    var perItem: Int = 3

    @Option(help: "Fixes every choice: the same seed gives the same proposals.")
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp("The operators to use, in the order they take turns.", valueName: "NAME,..."))
    var operators: String = "swap,replace,shorten,overthink"

    @Flag(help: "Keep the item's own negatives and add the proposals after them.")
    var keepNegatives = false

    @Option(help: ArgumentHelp("With --list: the item, by 0-based position or id.", valueName: "ID_OR_NUMBER"))
    var item: String?

    @Flag(help: "Print every candidate of one item (--item) with its J and whether it is kept; write nothing.")
    var list = false

    func run() throws {
        func fail(_ message: String) -> ExitCode {
            TerminalText.errorLine("scenelens perturb: \(message)")
            return ExitCode(2)
        }
        guard jMin.isFinite, jMax.isFinite, 0 <= jMin, jMin <= jMax, jMax <= 1 else {
            throw fail("--j-min (\(jMin)) and --j-max (\(jMax)) must satisfy 0 <= j-min <= j-max <= 1")
        }
        guard (1...100).contains(perItem) else { throw fail("--per-item must lie in 1...100, not \(perItem)") }
        var options = OperatorSearch.Options()
        options.band = jMin...jMax
        options.perItem = perItem
        options.seed = seed
        options.operators = []
        for name in operators.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let op = PerturbationOperator(name: name) else {
                throw fail("unknown operator '\(name)' in --operators (swap, replace, shorten, overthink)")
            }
            if !options.operators.contains(op) { options.operators.append(op) }
        }
        guard !options.operators.isEmpty else { throw fail("--operators names no operator") }
        guard list || out != nil else { throw fail("give --out FILE to write the proposals, or --list --item N to see one item's candidates") }
        guard !list || out == nil else { throw fail("--list prints candidates and writes nothing; leave out --out") }

        let data: Dataset
        do { data = try Dataset.open(path: dataset) } catch { throw fail("\(error)") }
        data.indexAll()
        if let e = data.indexingError { throw fail("\(e)") }

        if list {
            guard let item else { throw fail("--list needs --item N or --item ID") }
            guard let index = data.itemIndex(forID: item) ?? Int(item).flatMap({ (0..<data.count).contains($0) ? $0 : nil }) else {
                throw fail("no item '\(item)' in \(dataset) (\(data.count) items)")
            }
            let parsed = data.item(at: index)
            guard let it = parsed.item else { throw fail("item \(item) cannot be read: \(parsed.diagnostics.first?.message ?? "unknown")") }
            TerminalText.output(Self.listing(it, options: options))
            return
        }
        guard let out else { return }
        let output: AtomicOutput
        do { output = try AtomicOutput(path: out) } catch { throw fail("\(error)") }
        var written = 0, proposals = 0, without = 0, unreadable = 0
        for i in 0..<data.count {
            let parsed = data.item(at: i)
            let place = "\(dataset):\(parsed.line)"
            guard let it = parsed.item, let raw = try? data.rawLine(ofItem: i),
                  case .object(var members) = try? JSONParser.parse(raw) else {
                unreadable += 1
                TerminalText.errorLine("\(place): cannot be read; skipped (scenelens validate says why)")
                continue
            }
            guard !it.chosen.steps.isEmpty else {
                without += 1
                TerminalText.errorLine("\(place): \(it.id): chosen: no rationale to find the critical subgraph from; skipped")
                continue
            }
            let outcome = OperatorSearch.search(it, options: options)
            guard !outcome.chosen.isEmpty else {
                without += 1
                let js = outcome.considered.map(\.j)
                let range = js.isEmpty ? "no candidate at all (is the critical subgraph empty?)"
                    : "\(outcome.considered.count) candidates, J from \(Self.format(js.min() ?? 0)) to \(Self.format(js.max() ?? 0))"
                TerminalText.errorLine("\(place): \(it.id): no candidate with J in [\(Self.format(jMin)), \(Self.format(jMax))]: \(range); skipped")
                continue
            }
            let taken = Set(keepNegatives ? it.negatives.map(\.id) : [])
            var negatives: [JSONValue] = []
            if keepNegatives, let k = members.firstIndex(where: { $0.0 == "negatives" || $0.0 == "rejected" }),
               case .array(let old) = members[k].1 {
                negatives = old
            }
            var n = 0
            for c in outcome.chosen {
                var id: String
                repeat { n += 1; id = "p\(n)" } while taken.contains(id)
                negatives.append(Self.negative(c, id: id, item: it))
            }
            members.removeAll { $0.0 == "negatives" || $0.0 == "rejected" }
            members.append(("negatives", .array(negatives)))
            do { try output.writeLine(JSONValue.object(members).jsonText) } catch { output.abandon(); throw fail("\(error)") }
            written += 1
            proposals += outcome.chosen.count
        }
        do { try output.commit() } catch { throw fail("\(error)") }
        var summary = "\(out): \(written) item\(written == 1 ? "" : "s") with \(proposals) proposed negative\(proposals == 1 ? "" : "s")"
        if without > 0 { summary += "; \(without) item\(without == 1 ? "" : "s") without a proposal" }
        if unreadable > 0 { summary += "; \(unreadable) unreadable" }
        TerminalText.errorLine(summary + " (seed \(seed), J in [\(Self.format(jMin)), \(Self.format(jMax))])")
        if without + unreadable > 0 { throw ExitCode(1) }
    }

    /// A proposal as a negative of FORMAT.md, without its rationale.
    static func negative(_ c: PerturbationCandidate, id: String, item: Item) -> JSONValue {
        .object([
            ("id", .string(id)),
            ("operator", .string(c.op.rawValue)),
            ("edits", .array(c.edits.map(\.jsonValue))),
            ("j", .number((c.j * 1000).rounded() / 1000)),
            ("touches", .array(c.touched.map(\.jsonValue))),
            ("changes", .array(c.changes.map { .string($0) })),
            ("writer_prompt", .string(writerPrompt(c, item: item))),
        ])
    }

    /// What a rationale writer needs: the question, SG- as plain facts, and the
    /// chosen rationale's shape to follow.
    static func writerPrompt(_ c: PerturbationCandidate, item: Item) -> String {
        let g = c.minus
        var facts: [String] = []
        for e in g.entities {
            facts.append("- " + (e.attributes.isEmpty ? e.name : e.attributes.joined(separator: " ") + " " + e.name) + " (\(e.id))")
        }
        for r in g.relations { facts.append("- \(g.name(of: r.subject)) (\(r.subject)) \(r.predicate) \(g.name(of: r.object)) (\(r.object))") }
        let steps = item.chosen.steps.count
        return """
        Question: \(item.question)
        Facts about the image (take them as true, even where they seem odd):
        \(facts.joined(separator: "\n"))
        Write a rationale of about \(steps) short step\(steps == 1 ? "" : "s") that answers the question from these facts only, \
        then the answer, in the style of this example:
        \(item.chosen.steps.joined(separator: "\n"))
        """
    }

    /// Every candidate of one item, kept or not, for a researcher.
    static func listing(_ item: Item, options: OperatorSearch.Options) -> String {
        let outcome = OperatorSearch.search(item, options: options)
        let kept = Set(outcome.chosen)
        let critical = CriticalElements.subgraph(for: item)
        var lines = ["\(item.id): SG^c has \(critical.entities.count) entities, \(critical.relations.count) relations; "
                     + "\(outcome.considered.count) candidates, \(outcome.inBand) with J in [\(format(options.band.lowerBound)), "
                     + "\(format(options.band.upperBound))], \(outcome.chosen.count) kept"]
        for c in outcome.considered {
            let mark = kept.contains(c) ? "kept" : options.band.contains(c.j) ? "band" : "out "
            lines.append("  \(mark)  J \(format(c.j))  \(c.op.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))  "
                         + c.edits.map { $0.jsonValue.jsonText }.joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func format(_ x: Double) -> String { String(format: "%.2f", x) }
}
