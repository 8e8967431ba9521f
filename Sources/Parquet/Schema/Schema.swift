/// One field of a Parquet schema: a group (with children) or a leaf column.
public struct SchemaNode: Sendable {
    public var name: String
    public var repetition: Repetition
    /// The physical type of a leaf; nil for a group.
    public var type: PhysicalType?
    /// Bytes per value of a FIXED_LEN_BYTE_ARRAY leaf.
    public var typeLength: Int
    public var annotation: FieldAnnotation
    public var children: [SchemaNode]
    /// The index of a leaf among all leaves (its column), -1 for a group.
    public var column: Int
    /// Definition and repetition level of this node (counting itself).
    public var definitionLevel: Int
    public var repetitionLevel: Int

    /// True for a leaf column.
    public var isLeaf: Bool { type != nil }
}

/// A leaf column: its dotted path and the nodes from the top-level field down.
struct LeafColumn {
    var path: [String]
    /// Indices into the path of nodes, top-level field first, leaf last; kept as the nodes themselves.
    var nodes: [SchemaNode]
    var maxDefinition: Int { nodes.last?.definitionLevel ?? 0 }
    var maxRepetition: Int { nodes.last?.repetitionLevel ?? 0 }
    var leaf: SchemaNode { nodes[nodes.count - 1] }
    var dottedPath: String { path.joined(separator: ".") }
}

/// The schema as a tree, with the leaf columns in file order.
public struct Schema: Sendable {
    /// The top-level fields.
    public var fields: [SchemaNode]
    /// Every leaf, in column order.
    var leaves: [LeafColumn]

    /// Builds the tree from the footer's depth-first flat list.
    init(elements: [SchemaElement]) throws {
        guard let root = elements.first else { throw ParquetError.malformed(nil, "the schema is empty") }
        var next = 1
        var leaves: [LeafColumn] = []
        func build(_ parentDef: Int, _ parentRep: Int, _ ancestors: [SchemaNode]) throws -> SchemaNode {
            guard next < elements.count else { throw ParquetError.malformed(nil, "the schema lists fewer elements than its groups say") }
            let e = elements[next]
            next += 1
            let rep = e.repetition ?? .optional
            var node = SchemaNode(name: e.name, repetition: rep, type: e.numChildren > 0 ? nil : (e.type ?? .byteArray),
                                  typeLength: Int(e.typeLength ?? 0), annotation: e.annotation, children: [], column: -1,
                                  definitionLevel: parentDef + (rep == .required ? 0 : 1),
                                  repetitionLevel: parentRep + (rep == .repeated ? 1 : 0))
            guard ancestors.count < 64 else { throw ParquetError.malformed(nil, "the schema is nested too deeply") }
            if e.numChildren > 0 {
                for _ in 0..<e.numChildren {
                    node.children.append(try build(node.definitionLevel, node.repetitionLevel, ancestors + [node]))
                }
            } else {
                node.column = leaves.count
                let chain = ancestors + [node]
                leaves.append(LeafColumn(path: chain.map(\.name), nodes: chain))
            }
            return node
        }
        var fields: [SchemaNode] = []
        for _ in 0..<max(root.numChildren, 0) { fields.append(try build(0, 0, [])) }
        // Leaves hold copies of their ancestors taken before the ancestors' children were
        // filled in; that is all assembly needs (levels, names, repetition, annotation).
        self.fields = fields
        self.leaves = leaves
    }

    /// The top-level field names, in order.
    public var fieldNames: [String] { fields.map(\.name) }
}
