import Imaging

/// The three CLEVR shapes; the raw value is the entity name in the graph.
public enum Shape: String, Sendable, CaseIterable {
    case cube, sphere, cylinder
}

/// The eight CLEVR colours and the RGB each is drawn in.
public enum SceneColour: String, Sendable, CaseIterable {
    case red, blue, green, yellow, purple, cyan, grey, brown

    /// The base colour used when drawing.
    public var rgb: (r: Double, g: Double, b: Double) {
        switch self {
        case .red: (173, 35, 35)
        case .blue: (42, 75, 215)
        case .green: (29, 150, 60)
        case .yellow: (235, 205, 40)
        case .purple: (129, 38, 192)
        case .cyan: (41, 208, 208)
        case .grey: (96, 96, 96)
        case .brown: (129, 74, 25)
        }
    }

    /// The colour's name in Simplified Chinese, for the CJK sample item.
    public var chinese: String {
        switch self {
        case .red: "红色"
        case .blue: "蓝色"
        case .green: "绿色"
        case .yellow: "黄色"
        case .purple: "紫色"
        case .cyan: "青色"
        case .grey: "灰色"
        case .brown: "棕色"
        }
    }
}

/// What an object is made of; metal is drawn shinier.
public enum Material: String, Sendable, CaseIterable {
    case rubber, metal
}

/// The two CLEVR sizes.
public enum SizeClass: String, Sendable, CaseIterable {
    case small, large
}

/// Which attribute of an object a template talks about.
public enum AttributeKind: Sendable, CaseIterable {
    case size, colour, material

    /// The value of this kind that `object` has.
    public func value(of object: SceneObject) -> String {
        switch self {
        case .size: object.size.rawValue
        case .colour: object.colour.rawValue
        case .material: object.material.rawValue
        }
    }

    /// The kind an attribute value belongs to, if it is one of the vocabulary's.
    public static func of(_ value: String) -> AttributeKind? {
        if SizeClass(rawValue: value) != nil { return .size }
        if SceneColour(rawValue: value) != nil { return .colour }
        if Material(rawValue: value) != nil { return .material }
        return nil
    }

    /// Where values of this kind go in a description ("small red metal cube").
    var order: Int {
        switch self {
        case .size: 0
        case .colour: 1
        case .material: 2
        }
    }
}
