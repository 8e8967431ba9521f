import Foundation
import Imaging

/// What checking an image found, remembered per path: many items often share
/// a pool of images, and each need only be opened once per run. `validate`
/// and `export` both check images with it, so they agree on which are usable.
public final class ImageCheckCache: Sendable {
    /// The outcome of opening and decoding one image.
    public enum Status: Sendable, Hashable {
        /// Decodes; its size.
        case ok(width: Int?, height: Int?)
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

    /// The status of the image file at absolute `path`, checked on first use (safe from any thread).
    public func status(of path: String) -> Status {
        memo.value(for: path) {
            do {
                return Self.inspect(try Dataset.readFile(path))
            } catch DatasetError.noSuchFile(let p) {
                return .missing(p)
            } catch {
                return .unreadable("\(error)")
            }
        }
    }

    /// Decodes the image once: a file whose header is fine but whose data is
    /// not (a truncated PNG) must be reported too.
    public static func inspect(_ bytes: [UInt8]) -> Status {
        if bytes.isEmpty { return .undecodable("the file is empty") }
        do {
            let image = try ImageDecoder.decode(bytes)
            return .ok(width: image.width, height: image.height)
        } catch let e as ImageError {
            return .undecodable(e.message)
        } catch {
            return .undecodable("\(error)")
        }
    }
}
