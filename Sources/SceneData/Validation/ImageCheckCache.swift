import Foundation
import Imaging

/// What checking an image found, remembered per path: many items often share
/// a pool of images, and each need only be opened once per run.
final class ImageCheckCache: Sendable {
    enum Status: Sendable {
        case ok(width: Int?, height: Int?)
        case missing(String)
        case unreadable(String)
        case undecodable(String)
    }

    private let memo = PathMemo<Status>()

    func status(of path: String) -> Status {
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
    static func inspect(_ bytes: [UInt8]) -> Status {
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
