/// How an attention grid lies on the image, as the model's preprocessing saw
/// it. A vision encoder rarely sees the whole image stretched: CLIP's
/// processor resizes the short side and keeps a centred square, LLaVA pads the
/// image to a square first. A grid measured against the wrong rectangle puts
/// attention that is exactly on an object beside it.
public enum AttentionFit: Sendable, Hashable {
    /// The grid covers the whole image, stretched to its shape (the default).
    case stretch
    /// The grid covers the centred square of side min(width, height) (CLIP's centre crop).
    case centerCrop
    /// The grid covers the image padded to a centred square of side
    /// max(width, height) (LLaVA's `expand2square`): cells past the image's
    /// edges are padding.
    case pad
    /// The grid covers this rectangle, in image pixels (it may reach past the image).
    case region(BoundingBox)

    /// The names `fit` takes in the data.
    public static let names = ["stretch", "center-crop", "pad"]

    /// The fit of a name from the data: `stretch`, `center-crop` (also
    /// `centre-crop`, `center_crop`), `pad`; nil for anything else.
    public init?(name: String) {
        switch name.lowercased() {
        case "stretch": self = .stretch
        case "center-crop", "centre-crop", "center_crop", "centre_crop": self = .centerCrop
        case "pad": self = .pad
        default: return nil
        }
    }

    /// How the data names it: `center-crop`, `region [x, y, w, h]`.
    public var name: String {
        switch self {
        case .stretch: "stretch"
        case .centerCrop: "center-crop"
        case .pad: "pad"
        case .region(let b):
            "region [" + [b.x, b.y, b.w, b.h].map { JSONValue.format($0) }.joined(separator: ", ") + "]"
        }
    }

    /// The rectangle the grid covers on a `width` x `height` image, in pixels:
    /// the whole image, its centred square, the centred square it is padded
    /// to (starting left of or above the image), or the region given.
    public func region(imageWidth width: Int, imageHeight height: Int) -> BoundingBox {
        let w = Double(max(0, width)), h = Double(max(0, height))
        switch self {
        case .stretch:
            return BoundingBox(x: 0, y: 0, w: w, h: h)
        case .centerCrop:
            let side = min(w, h)
            return BoundingBox(x: (w - side) / 2, y: (h - side) / 2, w: side, h: side)
        case .pad:
            let side = max(w, h)
            return BoundingBox(x: (w - side) / 2, y: (h - side) / 2, w: side, h: side)
        case .region(let b):
            return b
        }
    }

    /// `region(imageWidth:imageHeight:)` as fractions of the image's width and
    /// height (x 0 is the left edge, 1 the right), for drawing over an image of
    /// any size; nil for an empty image.
    public func unitRegion(imageWidth width: Int, imageHeight height: Int) -> BoundingBox? {
        guard width > 0, height > 0 else { return nil }
        let r = region(imageWidth: width, imageHeight: height)
        let w = Double(width), h = Double(height)
        return BoundingBox(x: r.x / w, y: r.y / h, w: r.w / w, h: r.h / h)
    }
}
