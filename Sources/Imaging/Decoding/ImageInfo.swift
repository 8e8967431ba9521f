/// The container formats `ImageDecoder` recognises by their magic bytes.
public enum ImageFormat: String, Sendable {
    case png, pnm, jpeg, webp, gif, tiff, bmp
}

/// What an image header says, read without decoding any pixels.
public struct ImageInfo: Sendable, Hashable {
    /// The container format.
    public var format: ImageFormat
    /// Width in pixels, upright (after the EXIF orientation).
    public var width: Int
    /// Height in pixels, upright (after the EXIF orientation).
    public var height: Int
    /// The stored colour model: "grey", "grey+alpha", "rgb", "rgb+alpha", "palette", "bilevel", "bilevel+alpha", "cmyk".
    public var colorType: String
    /// Bits per stored sample (PNM: bits needed for maxval).
    public var bitDepth: Int
    /// Whether the pixels are stored interlaced (PNG Adam7) or progressive (JPEG).
    public var interlaced: Bool
    /// The EXIF orientation, 1 to 8 (1: stored upright).
    public var orientation: Int
    /// 1, or more than 1 for an animation (of which the first frame is read).
    public var frames: Int

    /// A header description from its parts; `width` and `height` are the stored size.
    public init(format: ImageFormat, width: Int, height: Int, colorType: String, bitDepth: Int, interlaced: Bool,
                orientation: Int = 1, frames: Int = 1) {
        let swap = EXIFOrientation.swapsAxes(orientation)
        self.format = format; self.width = swap ? height : width; self.height = swap ? width : height
        self.colorType = colorType; self.bitDepth = bitDepth; self.interlaced = interlaced
        self.orientation = orientation; self.frames = frames
    }

    /// Width as the pixels are stored in the file.
    public var storedWidth: Int { EXIFOrientation.swapsAxes(orientation) ? height : width }
    /// Height as the pixels are stored in the file.
    public var storedHeight: Int { EXIFOrientation.swapsAxes(orientation) ? width : height }
}
