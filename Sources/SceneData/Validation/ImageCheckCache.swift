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

    /// An empty cache.
    public init() {}

    /// The status of the image file at absolute `path`, checked on first use
    /// (safe from any thread). With `contentFree` (a file outside the
    /// dataset's folder) a failure is said without anything read from the
    /// file (`ImageError.contentFreeMessage`).
    public func status(of path: String, contentFree: Bool = false) -> Status {
        memo.value(for: contentFree ? "\u{0}" + path : path) {
            do {
                return Self.inspect(try Dataset.readFile(path), contentFree: contentFree)
            } catch DatasetError.noSuchFile(let p) {
                return .missing(p)
            } catch {
                return .unreadable("\(error)")
            }
        }
    }

    /// Decodes the image once: a file whose header is fine but whose data is
    /// not (a truncated PNG) must be reported too.
    public static func inspect(_ bytes: [UInt8], contentFree: Bool = false) -> Status {
        if bytes.isEmpty { return .undecodable("the file is empty") }
        do {
            let d = try ImageDecoder.decodeDetailed(bytes)
            var notes = ImageNotes()
            if d.orientation != 1 {
                notes.rotation = "EXIF orientation \(d.orientation): \(EXIFOrientation.describe(d.orientation)) to show it upright (as the training path does); boxes are checked against the upright \(d.image.width) x \(d.image.height) image"
            }
            notes.losses = d.loss.warnings
            return .ok(width: d.image.width, height: d.image.height, notes: notes)
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
