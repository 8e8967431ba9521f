import Foundation
import Imaging

/// What checking an image found, remembered per path: many items often share
/// a pool of images, and each need only be opened once per run.
final class ImageCheckCache: @unchecked Sendable {
    enum Status: Sendable {
        case ok(width: Int?, height: Int?)
        case missing(String)
        case unreadable(String)
        case undecodable(String)
    }

    private let lock = NSLock()
    private var known: [String: Status] = [:]

    func status(of path: String) -> Status {
        if let s = lock.withLock({ known[path] }) { return s }
        let s: Status
        do {
            s = Self.inspect(try Dataset.readFile(path))
        } catch DatasetError.noSuchFile(let p) {
            s = .missing(p)
        } catch {
            s = .unreadable("\(error)")
        }
        lock.withLock { known[path] = s }
        return s
    }

    /// Reads the image's size from its header, then decodes it whole: a
    /// header can be fine while the pixel data is truncated or corrupt.
    static func inspect(_ bytes: [UInt8]) -> Status {
        do {
            let info = try ImageDecoder.info(bytes)
            _ = try ImageDecoder.decode(bytes)
            return .ok(width: info.width, height: info.height)
        } catch {
            return .undecodable("\(error)")
        }
    }
}
