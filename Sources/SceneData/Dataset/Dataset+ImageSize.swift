import Foundation
import Imaging

/// An image's width and height in pixels.
public struct ImageSize: Sendable, Hashable {
    public var width: Int
    public var height: Int
    /// A size from its parts.
    public init(width: Int, height: Int) { self.width = width; self.height = height }
}

extension Dataset {
    /// The size of the image `source` from its header (inline images from their
    /// bytes, files read once per dataset and path), or nil when it cannot be
    /// read. What `lint`, `stats` and the inspector give the attention lints.
    public func imageSize(of source: ImageSource) -> ImageSize? {
        switch source {
        case .inline(let bytes):
            return Self.headerSize(bytes)
        case .path(let p):
            let path = resolve(p)
            return imageSizes.value(for: path) { (try? Self.readFile(path)).flatMap(Self.headerSize) }
        }
    }

    /// The image size attention lints need for `item`: nil when it has no
    /// attention maps (nothing is read then) or the image cannot be read.
    public func attentionImageSize(for item: Item) -> (Int, Int)? {
        guard item.hasAttention, let s = imageSize(of: item.image) else { return nil }
        return (s.width, s.height)
    }

    /// The header's size; nil for an image too large to be decoded (a header
    /// claiming 100000x100000 would have boxes and maps measured against a
    /// size no image has: the image error says what is wrong).
    private static func headerSize(_ bytes: [UInt8]) -> ImageSize? {
        guard let info = try? ImageDecoder.info(bytes), info.width > 0, info.height > 0,
              info.width.multipliedReportingOverflow(by: info.height).partialValue <= ImageDecoder.defaultMaxPixels
        else { return nil }
        return ImageSize(width: info.width, height: info.height)
    }
}
