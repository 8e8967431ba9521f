/// Reading `counterfactual`: the item's image with its evidence altered, each
/// with the attention a model gave it (Faithful-MR1).
extension ItemReader {
    mutating func readCounterfactuals(_ v: JSONValue, chosen: Rationale?, negatives: [Negative]) -> [Counterfactual] {
        guard v != .null else { return [] }
        guard let list = v.arrayValue else {
            error("counterfactual", "must be a list of {\"image\", \"change\", \"region\", \"attention\"}, found \(v.typeDescription)")
            return []
        }
        var out: [Counterfactual] = []
        for (k, cv) in list.enumerated() {
            let f = FieldPath("counterfactual").index(k)
            guard cv.objectValue != nil else {
                error(f, "a counterfactual must be an object, found \(cv.typeDescription)"); continue
            }
            guard let iv = cv["image"] else {
                error(f.member(key: "image"), "required field is missing; the counterfactual is not used"); continue
            }
            guard let image = readImage(iv, field: f.member(key: "image")) else { continue }
            var change = "unspecified"
            if let ch = cv["change"], ch != .null {
                if let s = ch.stringValue, !s.isEmpty { change = s }
                else { error(f.member(key: "change"), "must say what was changed (\(Counterfactual.knownChanges.joined(separator: ", ")) or words), found \(ch.typeDescription)") }
            }
            var region: BoundingBox?
            if let rv = cv["region"], rv != .null {
                region = readRegion(rv, field: f.member(key: "region"), consequence: "; the region is not used")
            }
            let attention = cv["attention"].map {
                readAttention($0, chosen: chosen, negatives: negatives, field: f.member(key: "attention"))
            } ?? []
            out.append(Counterfactual(image: image, change: change, region: region, attention: attention))
        }
        return out
    }
}
