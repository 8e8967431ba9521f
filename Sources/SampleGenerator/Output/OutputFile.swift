import Foundation

/// Why the generator could not write its output.
public struct SampleError: Error, CustomStringConvertible, Sendable {
    /// One sentence naming the file and the problem.
    public var description: String
    /// An error with this message.
    public init(_ description: String) { self.description = description }
}

/// A file written through a large buffer, so a dataset of any size streams
/// out in constant memory.
public final class OutputFile {
    private let handle: UnsafeMutablePointer<FILE>
    /// The path, for error messages.
    public let path: String

    /// Creates (or truncates) `path`.
    public init(_ path: String) throws {
        guard let h = fopen(path, "wb") else {
            throw SampleError("\(path): cannot create the file (\(String(cString: strerror(errno))))")
        }
        handle = h
        self.path = path
        setvbuf(h, nil, _IOFBF, 1 << 20)
    }

    /// Appends `bytes`.
    public func write(_ bytes: [UInt8]) throws {
        let n = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, handle) }
        if n != bytes.count { throw SampleError("\(path): write failed (\(String(cString: strerror(errno))))") }
    }

    /// Flushes and closes the file.
    public func close() throws {
        if fclose(handle) != 0 { throw SampleError("\(path): could not finish writing the file") }
    }

    /// Writes a whole file at once (images, `.npy` maps).
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let f = try OutputFile(path)
        try f.write(bytes)
        try f.close()
    }

    /// Creates `path` and its parents when missing.
    public static func makeDirectory(_ path: String) throws {
        // Foundation's own message for these is "error 512"; name the cause.
        var isFolder: ObjCBool = false
        var prefix = path
        while !prefix.isEmpty {
            if FileManager.default.fileExists(atPath: prefix, isDirectory: &isFolder) {
                guard isFolder.boolValue else {
                    throw SampleError("\(path): cannot create the folder: \(prefix) is a file")
                }
                break
            }
            guard let slash = prefix.lastIndex(of: "/") else { break }
            prefix = String(prefix[..<slash])
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw SampleError("\(path): cannot create the folder (\(error.localizedDescription))")
        }
    }
}
