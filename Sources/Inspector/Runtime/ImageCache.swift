import Foundation
import Imaging
import SceneData

/// The images decoded lately, by item id, each kept at most `ImageSizing.keptSide`
/// on its longer side; a failure is kept too, so a broken file is read once.
/// Safe to call from any thread.
final class ImageCache: @unchecked Sendable {
    /// Why an image could not be shown.
    struct Failure: Error { var message: String }

    private let source: ItemSource
    private let decode: @Sendable ([UInt8]) throws -> RGBAImage
    private let decodeStored: @Sendable ([UInt8]) throws -> RGBAImage
    private let lock = NSLock()
    private var images = LRU<String, Result<RGBAImage, Failure>>(capacity: 6)
    /// The pictures lately fitted to a pane, so going back to an item does not resample again.
    private struct FitKey: Hashable { var key: String; var width: Int; var height: Int }
    private var fitted = LRU<FitKey, LoadedImage>(capacity: 6)

    /// `decodeStored` gives the file's own pixels (alpha kept); without it, `decode`'s.
    init(source: ItemSource, decode: @escaping @Sendable ([UInt8]) throws -> RGBAImage,
         decodeStored: (@Sendable ([UInt8]) throws -> RGBAImage)? = nil) {
        self.source = source; self.decode = decode; self.decodeStored = decodeStored ?? decode
    }

    /// The decoded image of item `id`, from the cache or read and decoded now:
    /// as the model sees it, or (`stored`) the file's own pixels with their
    /// transparency laid over a checkerboard.
    func decoded(_ id: String, _ image: ImageSource, stored: Bool = false) -> Result<RGBAImage, Failure> {
        let key = stored ? id + "\u{0}stored" : id
        if let hit = lock.withLock({ images[key] }) { return hit }
        let result: Result<RGBAImage, Failure>
        do {
            let bytes = try source.imageBytes(for: image)
            var img = try stored ? decodeStored(bytes) : decode(bytes)
            // Squares of a sixteenth of the long side stay visible however small the pane draws it.
            if stored { img = img.overCheckerboard(square: max(1, max(img.width, img.height) / 16)) }
            result = .success(ImageSizing.kept(img))
        } catch let e as ImageError where source.outsideFolder(image) != nil {
            // A file outside the dataset's folder: what kind of failure, nothing read from it (issue 14).
            result = .failure(Failure(message: e.contentFreeMessage))
        } catch {
            result = .failure(Failure(message: "\(error)"))
        }
        lock.withLock { images[key] = result }
        return result
    }

    /// Item `id`'s image fitted into a pane of `width` x `height` pixels.
    func loaded(_ id: String, _ image: ImageSource, width: Int, height: Int, stored: Bool = false) -> LoadedImage {
        if let hit = cachedLoaded(id, image, width: width, height: height, stored: stored) { return hit }
        let result: LoadedImage
        switch decoded(id, image, stored: stored) {
        case .failure(let f):
            result = LoadedImage(itemID: id, image: nil, error: f.message, originalWidth: 0, originalHeight: 0, stored: stored)
        case .success(let img):
            result = LoadedImage(itemID: id, image: ImageSizing.fitted(img, width: width, height: height), error: nil,
                                 originalWidth: img.width, originalHeight: img.height, stored: stored)
        }
        let key = FitKey(key: stored ? id + "\u{0}stored" : id, width: width, height: height)
        lock.withLock { fitted[key] = result }
        return result
    }

    /// `loaded`'s answer if it was given lately for the same image and size, without decoding or resampling.
    func cachedLoaded(_ id: String, _ image: ImageSource, width: Int, height: Int, stored: Bool = false) -> LoadedImage? {
        let key = FitKey(key: stored ? id + "\u{0}stored" : id, width: width, height: height)
        return lock.withLock { fitted[key] }
    }
}

/// Image sizes: what is kept of a decoded image, and its picture for a pane.
enum ImageSizing {
    /// The largest side kept for a decoded image: a pane in pixels, or a zoom
    /// into a 2-megapixel photo at its full resolution, never needs more.
    static let keptSide = 2048

    /// `img` shrunk so its longer side is at most `keptSide`.
    static func kept(_ img: RGBAImage) -> RGBAImage {
        let side = max(img.width, img.height)
        guard side > keptSide else { return img }
        let s = Double(keptSide) / Double(side)
        return img.resampled(width: max(1, Int(Double(img.width) * s)), height: max(1, Int(Double(img.height) * s)))
    }

    /// `img` at the largest size of its shape inside `width` x `height`; `height`
    /// counts half-block pixels (two per row) so pixels stay square.
    static func fitted(_ img: RGBAImage, width: Int, height: Int) -> RGBAImage {
        let f = fit(imageWidth: img.width, imageHeight: img.height, width: width, height: height)
        return img.resampled(width: f.width, height: f.height)
    }

    /// The largest size of the image's shape inside width x height.
    static func fit(imageWidth iw: Int, imageHeight ih: Int, width: Int, height: Int) -> (width: Int, height: Int) {
        guard iw > 0, ih > 0, width > 0, height > 0 else { return (max(1, width), max(1, height)) }
        let s = min(Double(width) / Double(iw), Double(height) / Double(ih))
        return (max(1, min(width, Int(Double(iw) * s))), max(1, min(height, Int(Double(ih) * s))))
    }
}
