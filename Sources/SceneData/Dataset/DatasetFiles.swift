import Foundation
import Parquet
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which files a dataset argument names: one file, the dataset files of a
/// folder, or the files a glob matches (`data/train-*.parquet`), in a stable
/// order so item numbers are the same on every opening.
enum DatasetFiles {
    /// Names of files a folder's shards may have.
    static let extensions = [".parquet", ".jsonl", ".json", ".ndjson",
                             ".jsonl.gz", ".jsonl.zst", ".json.gz", ".json.zst", ".ndjson.gz", ".ndjson.zst"]

    /// A compressed file, and an uncompressed one read whole, may hold at most this much.
    static let inMemoryLimit = 4 << 30

    /// The files `path` names; `path` itself when it is a file (or names nothing,
    /// for `open` to report).
    static func expand(_ path: String) throws -> [String] {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { return [path] }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            let shards = names.filter { name in !name.hasPrefix(".") && extensions.contains { name.lowercased().hasSuffix($0) } }
            guard !shards.isEmpty else { throw DatasetError.isDirectory(path) }
            let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
            return sorted(shards).map { folder + "/" + $0 }
        }
        guard path.contains(where: { "*?[".contains($0) }) else { return [path] }
        var g = glob_t()
        defer { globfree(&g) }
        guard glob(path, 0, nil, &g) == 0 else {
            throw DatasetError.unreadable(path, reason: "the pattern matches no file")
        }
        var matches: [String] = []
        for k in 0..<Int(g.gl_pathc) {
            if let p = g.gl_pathv[k] { matches.append(String(cString: p)) }
        }
        let files = matches.filter { p in
            var st = stat()
            return stat(p, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
        }
        guard !files.isEmpty else { throw DatasetError.unreadable(path, reason: "the pattern matches no regular file") }
        return sorted(files)
    }

    /// Names in natural order: `train-2` before `train-10`, as shards are numbered.
    static func sorted(_ names: [String]) -> [String] {
        names.sorted { a, b in
            let r = a.compare(b, options: [.numeric])
            return r == .orderedSame ? a < b : r == .orderedAscending
        }
    }

    /// The compression of a file, told by its first bytes.
    enum Compression {
        case gzip, zstd
        init?(magic head: [UInt8]) {
            if head.count >= 2 && head[0] == 0x1F && head[1] == 0x8B { self = .gzip; return }
            if head.count >= 4 && head[0] == 0x28 && head[1] == 0xB5 && head[2] == 0x2F && head[3] == 0xFD { self = .zstd; return }
            return nil
        }
    }

    /// `bytes` decompressed; throws `DatasetError` naming the file.
    static func decompress(_ bytes: [UInt8], _ codec: Compression, path: String) throws -> [UInt8] {
        do {
            switch codec {
            case .gzip: return try StreamDecompress.gunzip(bytes, limit: inMemoryLimit)
            case .zstd: return try StreamDecompress.unzstd(bytes, limit: inMemoryLimit)
            }
        } catch let e as StreamDecompress.Failure {
            throw DatasetError.unreadable(path, reason: "\(codec == .gzip ? "gzip" : "zstd"): \(e.description)")
        }
    }
}
