extension Item {
    /// The item has attention maps, over its image or a counterfactual one
    /// (the attention lints then need the image's size).
    public var hasAttention: Bool { !attention.isEmpty || counterfactuals.contains { !$0.attention.isEmpty } }
}

/// The item's image with its visual evidence altered (Faithful-MR1): the
/// critical region masked, blurred or painted over, with the attention a
/// model gave it. Attention that stays where it was when the evidence is
/// gone was not using that evidence.
public struct Counterfactual: Sendable, Hashable {
    /// The altered image.
    public var image: ImageSource
    /// What was done: `mask`, `blur`, `inpaint` or the data's own words.
    public var change: String
    /// Where the image was altered, in pixels of the original; nil when not said.
    public var region: BoundingBox?
    /// Maps over the altered image, in the same forms as the item's own.
    public var attention: [AttentionMap]

    /// The changes the format names; others are kept as written.
    public static let knownChanges = ["mask", "blur", "inpaint"]

    /// A counterfactual from its parts.
    public init(image: ImageSource, change: String, region: BoundingBox? = nil, attention: [AttentionMap] = []) {
        self.image = image; self.change = change; self.region = region; self.attention = attention
    }
}
