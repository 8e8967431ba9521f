import Foundation
import Imaging

/// Image sizes read from image headers, remembered per resolved path: many
/// items share a pool of images, and attention lints need the size of each
/// item's image. Safe to use from any thread.
final class ImageSizeCache: @unchecked Sendable {
    private let lock = NSLock()
    // nil value: the image could not be read or its header makes no sense.
    private var known: [String: ImageSize?] = [:]

    /// The remembered size for `path`, or the one `read` gives (then remembered).
    func size(of path: String, read: () -> ImageSize?) -> ImageSize? {
        if let s = lock.withLock({ known[path] }) { return s }
        // Read outside the lock: two threads may read one file twice, never block each other on I/O.
        let s = read()
        lock.withLock { known[path] = s }
        return s
    }
}

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
            return imageSizes.size(of: path) { (try? Self.readFile(path)).flatMap(Self.headerSize) }
        }
    }

    /// The image size attention lints need for `item`: nil when it has no
    /// attention maps (nothing is read then) or the image cannot be read.
    public func attentionImageSize(for item: Item) -> (Int, Int)? {
        guard !item.attention.isEmpty, let s = imageSize(of: item.image) else { return nil }
        return (s.width, s.height)
    }

    private static func headerSize(_ bytes: [UInt8]) -> ImageSize? {
        guard let info = try? ImageDecoder.info(bytes), info.width > 0, info.height > 0 else { return nil }
        return ImageSize(width: info.width, height: info.height)
    }
}
