import Foundation
import Imaging

/// What checking an image found, remembered per path: many items often share
/// a pool of images, and each need only be opened once per run. `validate`
/// and `export` both check images with it, so they agree on which are usable.
public final class ImageCheckCache: Sendable {
    /// The outcome of opening and decoding one image.
    public enum Status: Sendable, Hashable {
        /// Decodes; its upright size, and what a person preparing training
        /// data should know: the EXIF rotation applied, what the training
        /// path's conversion to RGB loses (see `Rendition.model`).
        case ok(width: Int?, height: Int?, notes: ImageNotes = ImageNotes())
        /// No such file (the absolute path looked for).
        case missing(String)
        /// The file exists but cannot be read (why).
        case unreadable(String)
        /// The bytes do not decode as an image (why).
        case undecodable(String)

        /// Why the image cannot be used, as `validate` words it; nil when it decodes.
        public var problem: String? {
            switch self {
            case .ok: nil
            case .missing(let p): "image file not found: \(p)"
            case .unreadable(let why): why
            case .undecodable(let why): "image does not decode: \(why)"
            }
        }
    }

    private let memo = PathMemo<Status>()
    /// The model rendition SceneLens shows (`--alpha`), named in the loss notes.
    public let alpha: AlphaRendition

    /// An empty cache.
    public init(alpha: AlphaRendition = .pillow) { self.alpha = alpha }

    /// The status of the image file at absolute `path`, checked on first use
    /// (safe from any thread). With `contentFree` (a file outside the
    /// dataset's folder) a failure is said without anything read from the
    /// file (`ImageError.contentFreeMessage`).
    public func status(of path: String, contentFree: Bool = false) -> Status {
        memo.value(for: contentFree ? "\u{0}" + path : path) {
            do {
                return Self.inspect(try Dataset.readFile(path), contentFree: contentFree, alpha: alpha)
            } catch DatasetError.noSuchFile(let p) {
                return .missing(p)
            } catch {
                return .unreadable("\(error)")
            }
        }
    }

    /// The status of an image embedded in the dataset (a Parquet image
    /// column, base64 in JSON), checked once per distinct content: rows that
    /// share a picture (several questions about one image, as in RLAIF-V)
    /// decode it once. Safe from any thread.
    public func status(ofInline bytes: [UInt8]) -> Status {
        inline.value(for: bytes) { Self.inspect(bytes, alpha: alpha) }
    }

    private let inline = ContentMemo<Status>()

    /// Decodes the image once: a file whose header is fine but whose data is
    /// not (a truncated PNG) must be reported too. No pixel is looked at, so
    /// a JPEG is decoded at 1/8 of its size (libjpeg's DCT scaling): its
    /// entropy decoder still reads and checks every coefficient of the file,
    /// so the same broken files fail, with the same messages, for a fraction
    /// of a full decode.
    public static func inspect(_ bytes: [UInt8], contentFree: Bool = false, alpha: AlphaRendition = .pillow) -> Status {
        if bytes.isEmpty { return .undecodable("the file is empty") }
        do {
            let d = try ImageDecoder.decodeDetailed(bytes, rendition: .model(alpha: alpha), shownWithin: (1, 1))
            let (width, height) = d.fullSize ?? (d.image.width, d.image.height)
            var notes = ImageNotes()
            if d.orientation != 1 {
                notes.rotation = "EXIF orientation \(d.orientation): \(EXIFOrientation.describe(d.orientation)) to show it upright (as the training path does); boxes are checked against the upright \(width) x \(height) image"
            }
            notes.losses = d.loss.warnings
            return .ok(width: width, height: height, notes: notes)
        } catch let e as ImageError {
            return .undecodable(contentFree ? e.contentFreeMessage : e.message)
        } catch {
            return .undecodable(contentFree ? "not an image SceneLens reads" : "\(error)")
        }
    }
}

/// What decoding an image found that is not an error.
public struct ImageNotes: Sendable, Hashable {
    /// The EXIF rotation applied, in words; nil when stored upright.
    public var rotation: String?
    /// What converting to the model's RGB loses, one sentence each.
    public var losses: [String] = []
    /// No notes.
    public init() {}
}
