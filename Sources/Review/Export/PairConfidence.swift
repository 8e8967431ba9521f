import SceneData

/// The judge confidence of one pair, as export filters on it and the inspector shows it.
public enum PairConfidence {
    /// The negative's own confidence, else the item's; nil when neither gives one.
    public static func of(_ negative: Negative, in item: Item) -> Double? {
        negative.scores?.confidence ?? item.scores?.confidence
    }

    /// True when the pair's confidence comes from the item rather than the negative.
    public static func isInherited(_ negative: Negative, in item: Item) -> Bool {
        negative.scores?.confidence == nil && item.scores?.confidence != nil
    }
}
