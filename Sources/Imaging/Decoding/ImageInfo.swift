/// The container formats `ImageDecoder` recognises by their magic bytes.
public enum ImageFormat: String, Sendable {
    case png, pnm, jpeg
}

/// What an image header says, read without decoding any pixels.
public struct ImageInfo: Sendable, Hashable {
    /// The container format.
    public var format: ImageFormat
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// The stored colour model: "grey", "grey+alpha", "rgb", "rgb+alpha", "palette", "bilevel", "bilevel+alpha", "cmyk".
    public var colorType: String
    /// Bits per stored sample (PNM: bits needed for maxval).
    public var bitDepth: Int
    /// Whether the pixels are stored interlaced (PNG Adam7) or progressive (JPEG).
    public var interlaced: Bool

    /// A header description from its parts.
    public init(format: ImageFormat, width: Int, height: Int, colorType: String, bitDepth: Int, interlaced: Bool) {
        self.format = format; self.width = width; self.height = height
        self.colorType = colorType; self.bitDepth = bitDepth; self.interlaced = interlaced
    }
}
