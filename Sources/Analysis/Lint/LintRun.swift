import SceneData

/// `scenelens lint` as a function, so tests run exactly what the command runs.
public enum LintRun {
    /// Exit status: nothing at error severity.
    public static let ok = ExitStatus.ok
    /// Exit status: some finding (or unreadable item) at error severity.
    public static let errorsFound = ExitStatus.findings
    /// Exit status: the dataset could not be read, or the options make no sense.
    public static let couldNotRun = ExitStatus.couldNotRun

    /// What to run and how to print it.
    public struct Options: Sendable {
        /// Thresholds and the lints to run.
        public var config: LintConfig
        /// JSON Lines instead of text lines; the count table then goes to `errorOutput`.
        public var json: Bool
        /// Print `info` findings (J, attention shares) in text mode too.
        public var showInfo: Bool
        /// Narrows the run (`lint --where`): given the opened dataset, returns
        /// for an item's position what to report on, or nil to leave the item out.
        public var select: (@Sendable (Dataset) -> @Sendable (Int) -> Selection?)?
        /// Options from their parts.
        public init(config: LintConfig = LintConfig(), json: Bool = false, showInfo: Bool = false) {
            self.config = config; self.json = json; self.showInfo = showInfo
        }
    }

    /// What `lint --where` keeps of one item.
    public struct Selection: Sendable {
        /// The positions of the negatives to report on; item-level findings stay.
        public var negatives: Set<Int>
        /// The item's findings (all severities) when the selection already
        /// linted it with the run's configuration; nil: lint it here.
        public var findings: [LintFinding]?
        public init(negatives: Set<Int>, findings: [LintFinding]? = nil) {
            self.negatives = negatives; self.findings = findings
        }
    }

    /// Lints every item of the dataset at `path`. `imageSize` gives an item's
    /// image size (width, height) when attention needs it; it may return nil.
    public static func run(path: String, layout: InputLayout? = nil, map: FieldMap? = nil, options: Options,
                           imageSize: @escaping @Sendable (Dataset, Item) -> (Int, Int)?,
                           output: (String) -> Void, errorOutput: (String) -> Void) -> Int32 {
        if let only = options.config.only {
            let unknown = only.filter { Lint.named($0) == nil }.sorted()
            if !unknown.isEmpty {
                errorOutput("scenelens lint: unknown lint \(unknown.joined(separator: ", ")); known: \(Lint.all.map(\.name).joined(separator: ", "))")
                return couldNotRun
            }
            // Info findings are printed only with --info (or --json): asking
            // for info lints alone would otherwise print "no findings".
            let info = only.compactMap(Lint.named).filter { $0.severity == .info }.map(\.name).sorted()
            if !options.json, !options.showInfo, !info.isEmpty, info.count == only.count {
                errorOutput("scenelens lint: note: \(info.joined(separator: ", ")) \(info.count == 1 ? "is an info lint" : "are info lints"); add --info to print the findings")
            }
        }
        let dataset: Dataset
        do {
            // Lints read text and graphs: embedded images stay unread (attention
            // sizes of SceneLens rows still come from their image, read whole).
            dataset = try Dataset.open(path: path, layout: layout, map: map, images: false)
        } catch {
            errorOutput("scenelens lint: \(error)")
            return couldNotRun
        }
        dataset.indexAll()
        if dataset.count == 0, let failure = dataset.indexingError {
            errorOutput("scenelens lint: \(failure)")
            return couldNotRun
        }
        let linter = Linter(config: options.config)
        let keep = options.select?(dataset)
        var table = LintTable()
        // Items are parsed and linted on every core, a batch at a time, and
        // printed in file order: the output is the same as one at a time.
        for batch in ParallelMap.batches(count: dataset.count) {
            let results = ParallelMap.map(batch) { i -> (ParsedItem, [LintFinding], Selection?)? in
                let selected = keep?(i)
                if keep != nil, selected == nil { return nil }
                let parsed = dataset.item(at: i)
                guard let item = parsed.item else { return (parsed, [], selected) }
                if let found = selected?.findings { return (parsed, found, selected) }
                let size = item.attention.isEmpty ? nil : imageSize(dataset, item)
                return (parsed, linter.lint(item, imageSize: size), selected)
            }
            for result in results {
                guard let (parsed, findings, selected) = result else { continue }
                let kept = selected?.negatives
                for d in parsed.diagnostics where d.severity == .error { errorOutput(d.formatted) }
                // An unreadable line is still an item (the inspector shows it), one nobody can lint.
                table.items += 1
                guard let item = parsed.item else { table.unreadableLines.append(parsed.line); continue }
                if parsed.hasErrors { table.linesReadWithErrors.append(parsed.line) }
                table.negatives += kept?.count ?? item.negatives.count
                for (k, neg) in item.negatives.enumerated() where kept?.contains(k) ?? true {
                    for (lint, missing) in Linter.skipped(negative: neg, in: item) where options.config.runs(lint) {
                        table.skip(lint, missing: missing)
                    }
                }
                let repeated = item.duplicateNegativeIDs
                for f in findings {
                    if let kept, let k = f.negativeIndex, !kept.contains(k) { continue }
                    let op = f.negative(in: item).map { $0.op?.rawValue ?? $0.operatorName }
                    table.add(f, operator: op)
                    if options.json {
                        output(jsonLine(f, file: dataset.file(ofItem: parsed.index), operator: op))
                    } else if f.severity != .info || options.showInfo {
                        output(textLine(f, file: dataset.file(ofItem: parsed.index), idRepeats: f.negativeID.map(repeated.contains) ?? false))
                    }
                }
            }
        }
        for line in table.render() { options.json ? errorOutput(line) : output(line) }
        return table.errors > 0 || !table.unreadableLines.isEmpty || !table.linesReadWithErrors.isEmpty ? errorsFound : ok
    }

    /// `FILE:LINE: ITEM_ID/NEG_ID: lint-name: message` (no `/NEG_ID` for item-level findings;
    /// `ITEM_ID/NEG_ID (negatives[K])` when `idRepeats`: several negatives of the item have that id).
    public static func textLine(_ f: LintFinding, file: String, idRepeats: Bool = false) -> String {
        Diagnostic.oneLine("\(file):\(f.line): \(f.subject(idRepeats: idRepeats)): \(f.name): \(f.message)")
    }

    /// One JSON object: file, line, item, negative, negative_index (0-based position),
    /// operator, lint (and name), severity, message, value.
    public static func jsonLine(_ f: LintFinding, file: String, operator op: String?) -> String {
        var members: [(String, JSONValue)] = [
            ("file", .string(file)),
            ("line", .number(Double(f.line))),
            ("item", .string(f.itemID)),
            ("negative", f.negativeID.map { .string($0) } ?? .null),
            ("negative_index", f.negativeIndex.map { .number(Double($0)) } ?? .null),
            ("operator", op.map { .string($0) } ?? .null),
            ("lint", .string(f.name)),
            ("name", .string(f.name)),
            ("severity", .string(f.severity.rawValue)),
            ("message", .string(f.message)),
            ("value", f.value.map { .number($0) } ?? .null),
        ]
        if f.name == Lint.overlap.name || f.name == Lint.overlapOutOfRange.name, let j = f.value {
            members.append(("overlap", .number(j)))
        }
        return JSONValue.object(members).jsonText
    }
}
