/// Turns the levels and values of leaf columns back into nested values, one
/// row at a time (the Dremel record assembly, per leaf, then merged).
enum RecordAssembler {
    /// The value of top-level `field` in a row, from the leaves under it.
    static func value(of field: SchemaNode, leaves: [(LeafColumn, ColumnChunk)], row: Int) throws -> ParquetValue {
        var merged: ParquetValue?
        for (leaf, chunk) in leaves {
            let entries = chunk.rowEntryStart[row]..<chunk.rowEntryStart[row + 1]
            var valueIndex = chunk.rowValueStart[row]
            let v = try build(leaf, 0, chunk, entries, &valueIndex)
            merged = merged.map { merge($0, v) } ?? v
        }
        return finish(merged ?? .null, node: field)
    }

    /// The value of node `k` of `leaf`'s path over the entries of one instance of its parent.
    private static func build(_ leaf: LeafColumn, _ k: Int, _ chunk: ColumnChunk, _ entries: Range<Int>,
                              _ valueIndex: inout Int) throws -> ParquetValue {
        let node = leaf.nodes[k]
        let def = chunk.definition.isEmpty ? leaf.maxDefinition : Int(chunk.definition[entries.lowerBound])
        switch node.repetition {
        case .repeated:
            if def < node.definitionLevel { return .list([]) }
            var elements: [ParquetValue] = []
            var start = entries.lowerBound
            for i in entries.dropFirst() where Int(chunk.repetition[i]) <= node.repetitionLevel {
                elements.append(try inner(leaf, k, chunk, start..<i, &valueIndex))
                start = i
            }
            elements.append(try inner(leaf, k, chunk, start..<entries.upperBound, &valueIndex))
            return .list(elements)
        case .optional:
            if def < node.definitionLevel { return .null }
            return try inner(leaf, k, chunk, entries, &valueIndex)
        case .required:
            return try inner(leaf, k, chunk, entries, &valueIndex)
        }
    }

    private static func inner(_ leaf: LeafColumn, _ k: Int, _ chunk: ColumnChunk, _ entries: Range<Int>,
                              _ valueIndex: inout Int) throws -> ParquetValue {
        if k == leaf.nodes.count - 1 {
            defer { valueIndex += 1 }
            return chunk.values.indices(contains: valueIndex) ? try chunk.values.value(valueIndex) : .null
        }
        let child = try build(leaf, k + 1, chunk, entries, &valueIndex)
        return .record(ParquetRecord(names: [leaf.nodes[k + 1].name], values: [child]))
    }

    /// Two partial values of one field (each from one leaf) as one.
    static func merge(_ a: ParquetValue, _ b: ParquetValue) -> ParquetValue {
        switch (a, b) {
        case (.record(var x), .record(let y)):
            for (name, v) in zip(y.names, y.values) {
                if let i = x.names.firstIndex(of: name) { x.values[i] = merge(x.values[i], v) } else {
                    x.names.append(name); x.values.append(v)
                }
            }
            return .record(x)
        case (.list(let x), .list(let y)) where x.count == y.count:
            return .list(zip(x, y).map { merge($0, $1) })
        default:
            return a
        }
    }

    /// Applies LIST and MAP annotations (`list.element` folded into the list)
    /// and puts record fields in schema order.
    static func finish(_ v: ParquetValue, node: SchemaNode) -> ParquetValue {
        if node.isLeaf {
            if node.repetition == .repeated, case .list(let xs) = v { return .list(xs) }
            return v
        }
        let folded: ParquetValue
        if node.repetition == .repeated, case .list(let xs) = v {
            // A bare repeated group: a list of records.
            var plain = node; plain.repetition = .required
            return .list(xs.map { finish($0, node: plain) })
        }
        guard case .record(let r) = v else { return v }
        if (node.annotation == .list || node.annotation == .map), node.children.count == 1,
           let repeated = node.children.first, repeated.repetition == .repeated,
           case .list(let elements)? = r[repeated.name] {
            if node.annotation == .list, repeated.children.count == 1, let element = repeated.children.first {
                return .list(elements.map { e in finish(e[element.name] ?? .null, node: element) })
            }
            var plain = repeated; plain.repetition = .required
            return .list(elements.map { finish($0, node: plain) })
        }
        var names: [String] = [], values: [ParquetValue] = []
        for child in node.children {
            names.append(child.name)
            values.append(r[child.name].map { finish($0, node: child) } ?? .null)
        }
        folded = .record(ParquetRecord(names: names, values: values))
        return folded
    }
}
