import Foundation
import Imaging

/// What validating a whole dataset found.
public struct ValidationReport: Sendable {
    /// The dataset file, as given.
    public var file: String
    /// Items (non-blank lines) checked, unreadable ones included.
    public var items: Int
    /// Every finding, in file order.
    public var diagnostics: [Diagnostic]
    /// The 1-based lines from which no item could be read (not JSON, a required field missing).
    public var unreadableLines: [Int]
    /// A report from its parts.
    public init(file: String, items: Int, diagnostics: [Diagnostic], unreadableLines: [Int] = []) {
        self.file = file; self.items = items; self.diagnostics = diagnostics; self.unreadableLines = unreadableLines
    }
    /// Findings of severity error.
    public var errors: Int { diagnostics.count { $0.severity == .error } }
    /// Findings of severity warning.
    public var warnings: Int { diagnostics.count { $0.severity == .warning } }
    /// `scenes.jsonl: 14 items, 0 errors, 2 warnings`, or
    /// `data.jsonl: 7 items (1 unreadable: line 4), 2 errors, 0 warnings`.
    public var summary: String {
        let plural = ItemCountText.plural
        return "\(file): \(ItemCountText.items(items, unreadableLines: unreadableLines)), "
            + "\(plural(errors, "error")), \(plural(warnings, "warning"))"
    }
}

/// Checks every item of a dataset: everything `Dataset.item(at:)` reports,
/// plus what needs the whole file (duplicate ids) or other files (images).
public struct Validator: Sendable {
    /// Whether image files are opened (existence, header, decoding).
    public var checkImages: Bool
    /// The model rendition SceneLens shows (`--alpha`), named where an image's alpha is lost.
    public var alpha: AlphaRendition

    /// A validator; `checkImages: false` skips all image file access.
    public init(checkImages: Bool = true, alpha: AlphaRendition = .pillow) { self.checkImages = checkImages; self.alpha = alpha }

    /// Validates every item, calling `found` with each finding in file order as
    /// soon as it is known, and `progress` with (items done, items total).
    public func validate(_ dataset: Dataset,
                         progress: (Int, Int) -> Void = { _, _ in },
                         found: (Diagnostic) -> Void = { _ in }) -> ValidationReport {
        dataset.indexAll()
        var all: [Diagnostic] = []
        if let failure = dataset.indexingError {
            let d = Diagnostic(.error, file: dataset.path, message: "\(failure)")
            all.append(d); found(d)
        }
        let total = dataset.count
        let images = ImageCheckCache(alpha: alpha)
        let attentionFiles = AttentionFileCache()
        var firstLine: [String: Int] = [:]
        var unreadableLines: [Int] = []
        // Items are checked in parallel in windows, then reported in order.
        let batch = 256
        let window = batch * max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
        var next = 0
        while next < total {
            let start = next
            let end = min(total, start + window)
            let batches = (end - start + batch - 1) / batch
            let results = Slots(count: batches)
            DispatchQueue.concurrentPerform(iterations: batches) { b in
                let lo = start + b * batch
                let hi = min(end, lo + batch)
                var out: [ItemResult] = []
                for i in lo..<hi { out.append(check(index: i, in: dataset, images: images, attentionFiles: attentionFiles)) }
                results.buffer[b] = out
            }
            for b in 0..<batches {
                for r in results.buffer[b] {
                    if r.unreadable { unreadableLines.append(r.line) }
                    var ds = r.diagnostics
                    if let id = r.id {
                        if let first = firstLine[id] {
                            ds.append(Diagnostic(.error, file: dataset.path, line: r.line, itemID: id, field: "id",
                                                 message: "duplicate id '\(id)': also on line \(first)"))
                        } else {
                            firstLine[id] = r.line
                        }
                    }
                    for d in ds { found(d) }
                    all.append(contentsOf: ds)
                }
            }
            results.free()
            next = end
            progress(end, total)
        }
        return ValidationReport(file: dataset.path, items: total, diagnostics: all, unreadableLines: unreadableLines)
    }

    /// One slot per batch; each concurrent task writes only its own slot.
    private struct Slots: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<[ItemResult]>
        init(count: Int) {
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: [])
        }
        func free() { _ = buffer.deinitialize(); buffer.deallocate() }
    }

    typealias ItemResult = (id: String?, line: Int, diagnostics: [Diagnostic], unreadable: Bool)

    private func check(index i: Int, in dataset: Dataset, images: ImageCheckCache,
                       attentionFiles: AttentionFileCache) -> ItemResult {
        var parsed = dataset.item(at: i, attentionFiles: attentionFiles)
        guard let item = parsed.item else {
            // No item: Dataset named it when its id could be found in the raw line.
            return (parsed.itemID, parsed.line, parsed.diagnostics, true)
        }
        if checkImages { parsed.diagnostics += checkFiles(of: item, in: dataset, cache: images) }
        return (item.id, parsed.line, parsed.diagnostics, false)
    }

    /// The checks that open files: the image exists (and decodes), and boxes
    /// lie inside the image when its size is known.
    public func checkFiles(of item: Item, in dataset: Dataset) -> [Diagnostic] {
        checkFiles(of: item, in: dataset, cache: ImageCheckCache(alpha: alpha))
    }

    /// The same, remembering each image's outcome in `cache` (the inspector keeps one for a session).
    public func checkFiles(of item: Item, in dataset: Dataset, cache: ImageCheckCache) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func error(_ field: FieldPath, _ message: String) {
            out.append(Diagnostic(.error, file: dataset.path, line: item.line, itemID: item.id, field: field.description, message: message))
        }
        var size = image(item.image, field: "image", of: item, in: dataset, cache: cache, into: &out)
        // Counterfactual images (Faithful-MR1) are opened the same way, each under its own field;
        // one of another size than the item's image cannot be compared pixel for pixel.
        for (k, c) in item.counterfactuals.enumerated() {
            let f = FieldPath("counterfactual").index(k).member(key: "image")
            guard let cs = image(c.image, field: f, of: item, in: dataset, cache: cache, into: &out),
                  let (iw, ih) = size, cs != (iw, ih) else { continue }
            out.append(Diagnostic(.warning, file: dataset.path, line: item.line, itemID: item.id, field: f.description,
                                  message: "the counterfactual image is \(cs.0) x \(cs.1), the item's image \(iw) x \(ih)"))
        }
        if let w = item.sceneGraph.width, let h = item.sceneGraph.height {
            if let (iw, ih) = size, iw != w || ih != h {
                out.append(Diagnostic(.warning, file: dataset.path, line: item.line, itemID: item.id, field: "scene_graph",
                                      message: "graph size \(w) x \(h) differs from the image's \(iw) x \(ih)"))
            }
            size = (w, h)
        }
        guard let (w, h) = size else { return out }
        checkBoxes(item.sceneGraph, field: "scene_graph", width: w, height: h, error: error)
        for (k, map) in item.attention.enumerated() {
            guard case .region(let b) = map.fit, b.x >= Double(w) || b.y >= Double(h) || b.x + b.w <= 0 || b.y + b.h <= 0 else { continue }
            error(FieldPath("attention").index(k).member(key: "region"),
                  "the grid's region \(map.fit.name.dropFirst("region ".count)) does not meet the \(w) x \(h) image")
        }
        for (k, n) in item.negatives.enumerated() {
            if let g = n.sceneGraph { checkBoxes(g, field: FieldPath("negatives").index(k).member(.sceneGraph), width: w, height: h, error: error) }
        }
        return out
    }

    /// Opens one image of `item` (its own or a counterfactual's) through `cache`,
    /// reporting under `field` what is wrong with it; its size when known.
    private func image(_ source: ImageSource, field base: FieldPath, of item: Item, in dataset: Dataset,
                       cache: ImageCheckCache, into out: inout [Diagnostic]) -> (Int, Int)? {
        func error(_ field: FieldPath, _ message: String) {
            out.append(Diagnostic(.error, file: dataset.path, line: item.line, itemID: item.id, field: field.description, message: message))
        }
        var size: (Int, Int)?
        let field: FieldPath
        let status: ImageCheckCache.Status
        var written = ""
        switch source {
        case .path(""):
            // The image field itself was wrong (reported while reading): there is no file to check.
            return nil
        case .path(let p):
            field = base
            written = p
            let outside = dataset.outsideFolder(p)
            if let real = outside {
                out.append(Diagnostic(.warning, file: dataset.path, line: item.line, itemID: item.id, field: field.description,
                                      message: Self.outsideMessage(p, real: real, folder: dataset.directory)))
            }
            status = cache.status(of: dataset.resolve(p), contentFree: outside != nil)
        case .inline(let bytes):
            field = base.member(key: "base64")
            status = cache.status(ofInline: bytes)
        }
        switch status {
        case .missing(let path): error(field, written == path ? "image file not found: \(path)" : "image file not found: \(written) (looked for \(path))")
        case .unreadable(let why): error(field, why)
        case .undecodable(let why): error(field, "image does not decode: \(why)")
        case .ok(let w, let h, let notes):
            size = w.map { ($0, h ?? 0) }
            if let r = notes.rotation {
                out.append(Diagnostic(.info, file: dataset.path, line: item.line, itemID: item.id, field: field.description, message: r))
            }
            for loss in notes.losses {
                out.append(Diagnostic(.warning, file: dataset.path, line: item.line, itemID: item.id, field: field.description,
                                      message: "\(written.isEmpty ? "inline image" : written): \(loss)"))
            }
        }
        return size
    }

    /// The warning for a path that leads out of the dataset's folder: where it
    /// really leads (symbolic links resolved), and what `export` does about it.
    /// `exported`: export writes the path (an image), so it refuses it.
    public static func outsideMessage(_ written: String, real: String, folder: String, exported: Bool = true) -> String {
        let how = written == real ? "" : " (it resolves to \(real))"
        let then = exported ? "; export refuses it unless --allow-outside" : ""
        return "\(written) lies outside the dataset folder \(folder)\(how): no message shows anything read from it\(then)"
    }

    /// Boxes may overhang by up to one pixel: GQA and VG boxes often do by rounding.
    private func checkBoxes(_ g: SceneGraph, field: FieldPath, width: Int, height: Int, error: (FieldPath, String) -> Void) {
        let slack = 1.0
        for (i, e) in g.entities.enumerated() {
            guard let b = e.box else { continue }
            if b.x < -slack || b.y < -slack || b.x + b.w > Double(width) + slack || b.y + b.h > Double(height) + slack {
                let f: FieldPath
                switch g.form {
                case .gqa: f = field.member(.objects).member(key: e.id)
                case .triple: f = field.member(.entities).index(i).member(.box)
                case .visualGenome: f = field.member(.objects).index(i)
                }
                let box = [b.x, b.y, b.w, b.h].map { JSONValue.format($0) }.joined(separator: ", ")
                error(f, "box [\(box)] of '\(e.id)' (\(e.name)) lies outside the \(width) x \(height) image")
            }
        }
    }
}
