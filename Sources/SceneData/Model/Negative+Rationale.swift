extension Negative {
    /// Whether the negative has any rationale text to judge. A negative whose
    /// `rationale` is missing, of the wrong type or blank would become a pair
    /// with an empty rejected side: review refuses it and export skips it.
    public var hasRationale: Bool {
        rationale.steps.contains { !$0.allSatisfy(\.isWhitespace) }
    }
}
