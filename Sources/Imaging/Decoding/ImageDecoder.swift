#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads PNG, PNM and JPEG images into 8-bit RGBA, choosing the reader by
/// the file's magic bytes (never its name).
public enum ImageDecoder {
    /// The default pixel limit: 64 megapixels.
    public static let defaultMaxPixels: Int = 64_000_000

    /// Reads only the header: format, size, colour type, bit depth, interlacing.
    public static func info(_ bytes: [UInt8]) throws -> ImageInfo {
        switch try format(of: bytes) {
        case .png: return try PNGDecoder.info(bytes)
        case .pnm: return try PNMDecoder.info(bytes)
        case .jpeg: return try JPEGDecoder.info(bytes)
        }
    }

    /// Decodes a whole image; refuses, before allocating, one with more than `maxPixels` pixels.
    public static func decode(_ bytes: [UInt8], maxPixels: Int = defaultMaxPixels) throws -> RGBAImage {
        switch try format(of: bytes) {
        case .png: return try PNGDecoder.decode(bytes, maxPixels: maxPixels)
        case .pnm: return try PNMDecoder.decode(bytes, maxPixels: maxPixels)
        case .jpeg: return try JPEGDecoder.decode(bytes, maxPixels: maxPixels)
        }
    }

    /// Reads and decodes the file at `path`; I/O failures are `ImageError.Kind.io`.
    public static func decodeFile(atPath path: String, maxPixels: Int = defaultMaxPixels) throws -> RGBAImage {
        // PNG is decoded straight from a read-only mapping of the file, which
        // saves copying (and zero-filling) a buffer as big as the file.
        if let mapped = try MappedFile(path: path) {
            if mapped.bytes.count >= 8 && PNGDecoder.sniff(Array(mapped.bytes.prefix(8))) {
                // The mapping must outlive the decode, not just the last use of `mapped`.
                return try withExtendedLifetime(mapped) { try PNGDecoder.decode(mapped.bytes, maxPixels: maxPixels) }
            }
        }
        return try decode(readFile(atPath: path), maxPixels: maxPixels)
    }

    /// The format `bytes` are in, judged by their first bytes.
    public static func format(of bytes: [UInt8]) throws -> ImageFormat {
        if bytes.isEmpty { throw ImageError(.truncated, "the file is empty") }
        if PNGDecoder.sniff(bytes) { return .png }
        if JPEGDecoder.sniff(bytes) { return .jpeg }
        if PNMDecoder.sniff(bytes) { return .pnm }
        let head = bytes.prefix(4).map { hex($0) }.joined(separator: " ")
        throw ImageError(.unsupportedFormat, "not a PNG, PNM or JPEG image (starts with bytes \(head))")
    }

    /// A regular file mapped read-only; nil for files that cannot be mapped
    /// (empty, pipes, devices), which are read instead.
    private final class MappedFile {
        let bytes: UnsafeBufferPointer<UInt8>
        private let base: UnsafeMutableRawPointer

        init?(path: String) throws {
            let fd: Int32, size: Int
            do { (fd, size) = try FileRead.openRegular(path) } catch { throw ImageDecoder.readFailure(error) }
            defer { close(fd) }
            guard size > 0 else { return nil }
            if size > FileRead.Limit.image { throw ImageDecoder.readFailure(FileRead.Failure(limit: FileRead.Limit.image)) }
            #if os(Linux)
            let flags = MAP_PRIVATE | MAP_POPULATE
            #else
            let flags = MAP_PRIVATE
            #endif
            guard let p = mmap(nil, size, PROT_READ, flags, fd, 0), p != MAP_FAILED else { return nil }
            base = p
            bytes = UnsafeBufferPointer(start: p.assumingMemoryBound(to: UInt8.self), count: size)
        }

        deinit { munmap(base, bytes.count) }
    }

    /// The whole contents of a file (see `FileRead`). Fails with `.io` and
    /// a reason in words ("cannot read the file: no such file"), or when the
    /// file holds more than `limit` bytes.
    public static func readFile(atPath path: String, limit: Int = FileRead.Limit.image) throws -> [UInt8] {
        do {
            return try FileRead.all(atPath: path, limit: limit)
        } catch {
            throw readFailure(error)
        }
    }

    /// A read failure as an image error.
    static func readFailure(_ failure: FileRead.Failure) -> ImageError {
        failure.code == 0 ? ImageError(.io, failure.reason) : ImageError(.io, "cannot read the file: \(failure.reason)")
    }
}
