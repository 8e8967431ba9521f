import Imaging

/// Reading attention maps: inline values (flat or rows), `.npy` files, and
/// grayscale images.
extension ItemReader {
    mutating func readAttention(_ v: JSONValue, chosen: Rationale?, negatives: [Negative]) -> [AttentionMap] {
        guard let list = v.arrayValue else {
            error("attention", "must be a list of maps, found \(v.typeDescription)")
            return []
        }
        var maps: [AttentionMap] = []
        for (i, mv) in list.enumerated() {
            let f = FieldPath("attention").index(i)
            guard mv.objectValue != nil else {
                error(f, "an attention map must be an object, found \(mv.typeDescription)"); continue
            }
            let label = mv["label"]?.stringValue ?? "attention"
            var rationale: String?
            if let rv = mv["rationale"], rv != .null {
                rationale = Self.idString(rv)
                if rationale == nil { error(f.member(.rationale), "must be 'chosen' or a negative's id, found \(rv.typeDescription)") }
                if let r = rationale, r != "chosen", !negatives.contains(where: { $0.id == r }) {
                    error(f.member(.rationale), "no rationale '\(r)' (expected 'chosen' or a negative's id)")
                }
            }
            var step: Int?
            if let sv = mv["step"], sv != .null {
                if let n = sv.numberValue, n >= 0, n == n.rounded(), n < 1e6 {
                    step = Int(n)
                    let steps = rationale == nil || rationale == "chosen"
                        ? chosen?.steps.count : negatives.first { $0.id == rationale }?.rationale.steps.count
                    if let s = step, let steps, s >= steps {
                        warning(f.member(.step), "step \(s) is beyond the rationale's \(steps) steps")
                    }
                } else {
                    error(f.member(.step), "must be a whole number >= 0")
                }
            }
            let rows = dimension(mv["rows"], field: f.member(.rows))
            let cols = dimension(mv["cols"], field: f.member(.cols))
            var grid: AttentionGrid?
            var path: String?
            if let values = mv["values"] {
                grid = inlineGrid(values, rows: rows, cols: cols, field: f)
            } else if let pv = mv["path"] {
                guard let p = pv.stringValue, !p.isEmpty else {
                    error(f.member(.path), "must be a non-empty string"); continue
                }
                path = p
                var options = NPYOptions()
                if let dv = mv["dtype"], dv != .null {
                    if let d = dv.stringValue { options.dtype = d } else { error(f.member(key: "dtype"), "must be a string such as \"bfloat16\"") }
                }
                if let iv = mv["index"], iv != .null {
                    if let n = iv.numberValue, n >= 0, n == n.rounded(), n < 1e6 { options.index = Int(n) }
                    else { error(f.member(key: "index"), "must be a whole number >= 0 (which head or layer of a stacked array)") }
                }
                grid = fileGrid(p, options: options, field: f.member(.path))
                if let g = grid, let rows, let cols, g.rows != rows || g.cols != cols {
                    error(f, "rows x cols is \(rows) x \(cols) but the file holds \(g.rows) x \(g.cols)")
                }
            } else {
                error(f, "an attention map needs 'values' or 'path'")
            }
            // A map that cannot be placed on the image is not used: measured
            // against the wrong rectangle it would raise false attention lints.
            guard let fit = readFit(mv, field: f) else {
                maps.append(AttentionMap(label: label, rationale: rationale, step: step, path: path, grid: nil)); continue
            }
            maps.append(AttentionMap(label: label, rationale: rationale, step: step, path: path, grid: grid, fit: fit))
        }
        return maps
    }

    /// `fit` (`stretch`, `center-crop`, `pad`) or `region` (`[x, y, w, h]` in
    /// pixels, `fit` then absent or `"region"`); `.stretch` when neither is
    /// given, nil (after an error) when they are wrong.
    private mutating func readFit(_ mv: JSONValue, field f: FieldPath) -> AttentionFit? {
        let fv = mv["fit"].flatMap { $0 == .null ? nil : $0 }
        let rv = mv["region"].flatMap { $0 == .null ? nil : $0 }
        let allowed = AttentionFit.names.map { "\"\($0)\"" }.joined(separator: ", ")
        var named: AttentionFit?
        if let fv {
            guard let text = fv.stringValue else {
                error(f.member(key: "fit"), "must be one of \(allowed) (or give 'region': [x, y, w, h] in pixels), found \(fv.typeDescription); the map is not used")
                return nil
            }
            if text.lowercased() == "region" {
                guard rv != nil else { error(f.member(key: "fit"), "is \"region\" but the map has no 'region': [x, y, w, h]; the map is not used"); return nil }
            } else if let fit = AttentionFit(name: text) {
                named = fit
            } else {
                error(f.member(key: "fit"), "\"\(text)\" is not a fit: use one of \(allowed) (or give 'region': [x, y, w, h] in pixels); the map is not used")
                return nil
            }
        }
        guard let rv else { return named ?? .stretch }
        if let named {
            error(f, "has both 'fit' (\"\(named.name)\") and 'region': give one; the map is not used"); return nil
        }
        let rf = f.member(key: "region")
        guard let list = rv.arrayValue, list.count == 4 else {
            error(rf, "must be [x, y, w, h] in pixels, found \(rv.typeDescription)\(rv.arrayValue.map { " of \($0.count) values" } ?? ""); the map is not used")
            return nil
        }
        var n: [Double] = []
        for (k, x) in list.enumerated() {
            guard let v = x.numberValue, v.isFinite, abs(v) <= BoundingBox.maxCoordinate else {
                error(rf.index(k), "must be a number of pixels (at most \(Int(BoundingBox.maxCoordinate)) either way), found \(x.numberValue.map { JSONValue.format($0) } ?? x.typeDescription); the map is not used")
                return nil
            }
            n.append(v)
        }
        guard n[2] > 0, n[3] > 0 else {
            error(rf, "width and height must be greater than 0, found \(JSONValue.format(n[2])) x \(JSONValue.format(n[3])); the map is not used")
            return nil
        }
        return .region(BoundingBox(x: n[0], y: n[1], w: n[2], h: n[3]))
    }

    private mutating func dimension(_ v: JSONValue?, field: FieldPath) -> Int? {
        guard let v, v != .null else { return nil }
        guard let n = v.numberValue, n >= 1, n == n.rounded(), n <= 65536 else {
            error(field, "must be a whole number from 1 to 65536"); return nil
        }
        return Int(n)
    }

    private mutating func inlineGrid(_ v: JSONValue, rows: Int?, cols: Int?, field f: FieldPath) -> AttentionGrid? {
        guard let list = v.arrayValue else {
            error(f.member(.values), "must be a list of numbers or a list of rows, found \(v.typeDescription)"); return nil
        }
        var values: [Float] = []
        values.reserveCapacity(list.count)
        if list.first?.arrayValue != nil {
            // A list of rows: the grid's shape is the nesting's.
            var width: Int?
            for (r, row) in list.enumerated() {
                guard let cells = row.arrayValue else {
                    error(f.member(.values).index(r), "must be a row (a list of numbers), found \(row.typeDescription)"); return nil
                }
                if let w = width, w != cells.count {
                    error(f.member(.values).index(r), "has \(cells.count) values but row 0 has \(w)"); return nil
                }
                width = cells.count
                for (c, x) in cells.enumerated() {
                    guard let n = x.numberValue, Float(n).isFinite else {
                        error(f.member(.values).index(r).index(c), x.numberValue == nil
                              ? "must be a number, found \(x.typeDescription)" : "must be a finite number (single precision)")
                        return nil
                    }
                    values.append(Float(n))
                }
            }
            let shape = (list.count, width ?? 0)
            if let rows, rows != shape.0 { error(f.member(.rows), "is \(rows) but 'values' has \(shape.0) rows"); return nil }
            if let cols, cols != shape.1 { error(f.member(.cols), "is \(cols) but 'values' rows have \(shape.1) values"); return nil }
            guard shape.0 > 0, shape.1 > 0 else { error(f.member(.values), "the grid is empty"); return nil }
            return AttentionGrid(rows: shape.0, cols: shape.1, values: values)
        }
        for (k, x) in list.enumerated() {
            guard let n = x.numberValue, Float(n).isFinite else {
                error(f.member(.values).index(k), x.numberValue == nil
                      ? "must be a number, found \(x.typeDescription)" : "must be a finite number (single precision)")
                return nil
            }
            values.append(Float(n))
        }
        guard let rows, let cols else {
            error(f, "a flat 'values' list needs 'rows' and 'cols'"); return nil
        }
        guard values.count == rows * cols else {
            error(f.member(.values), "has \(values.count) values but rows x cols is \(rows) x \(cols) = \(rows * cols)")
            return nil
        }
        return AttentionGrid(rows: rows, cols: cols, values: values)
    }

    private mutating func fileGrid(_ p: String, options: NPYOptions, field: FieldPath) -> AttentionGrid? {
        guard let dataset else { return nil }
        if let real = dataset.outsideFolder(p) {
            warning(field, Validator.outsideMessage(p, real: real, folder: dataset.directory, exported: false))
        }
        // The options are part of the key: two maps may read one stack differently.
        let key = options == NPYOptions() ? p : "\(p)\u{0}\(options.dtype ?? "")\u{0}\(options.index.map(String.init) ?? "")"
        let outcome = attentionFiles?.outcome(for: key) { Self.readGrid(p, options: options, in: dataset) }
            ?? Self.readGrid(p, options: options, in: dataset)
        switch outcome {
        case .success(let grid): return grid
        case .failure(let failure): error(field, failure.message); return nil
        }
    }

    /// Reads the attention file at `p` (as written in the dataset): `.npy`, or
    /// a grayscale image.
    private static func readGrid(_ p: String, options: NPYOptions, in dataset: Dataset) -> AttentionFileCache.Outcome {
        let full = dataset.resolve(p)
        // Outside the dataset's folder nothing read from the file may reach a
        // message (a header's text, magic bytes): only that it does not decode.
        let contentFree = dataset.outsideFolder(p) != nil
        func undecodable(_ error: any Error) -> AttentionFileCache.Outcome {
            .failure(.init(message: contentFree ? "\(full): not an attention map SceneLens reads (.npy or grayscale image)" : "\(error)"))
        }
        let bytes: [UInt8]
        do {
            bytes = try Dataset.readFile(full, limit: FileRead.Limit.attention)
        } catch let e as DatasetError {
            if case .noSuchFile = e { return .failure(.init(message: "attention file not found: \(full)")) }
            return .failure(.init(message: "\(e)"))
        } catch {
            return .failure(.init(message: "\(full): \(error)"))
        }
        if p.lowercased().hasSuffix(".npy") || bytes.starts(with: NPYReader.magic) {
            do {
                return .success(try NPYReader.read(bytes, file: full, options: options))
            } catch {
                return undecodable(error)
            }
        }
        do {
            return .success(try AttentionImage.grid(from: bytes, file: full))
        } catch {
            return undecodable(error)
        }
    }
}
