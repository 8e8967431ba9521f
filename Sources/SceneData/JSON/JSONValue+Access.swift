extension JSONValue {
    /// The string, for `.string`.
    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    /// The number, for `.number`.
    public var numberValue: Double? { if case .number(let n) = self { return n }; return nil }
    /// The Boolean, for `.bool`.
    public var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
    /// The elements, for `.array`.
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    /// The members in order, for `.object`.
    public var objectValue: [(String, JSONValue)]? { if case .object(let o) = self { return o }; return nil }

    /// The JSON type's name, for messages ("a string", "an object").
    public var typeDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a Boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }
}
