import Foundation
import Imaging
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An output file written under a temporary name in the same folder and
/// renamed into place only when complete, so a failed or interrupted export
/// never leaves half a file (and never clobbers the previous one). Inline
/// images go to a temporary folder renamed to `STEM.images` the same way.
public final class AtomicOutput {
    let finalPath: String
    let directory: String
    private let temp: TempFile
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    /// `STEM.images` beside the output, where inline images end up.
    let imagesFolderName: String
    private var imagesTemp: TempFolder?
    private var finished = false

    public init(path: String) throws {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        finalPath = url.path
        directory = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        let stem = url.deletingPathExtension().lastPathComponent
        imagesFolderName = (stem.isEmpty ? name : stem) + ".images"
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: finalPath, isDirectory: &isDir), isDir.boolValue {
            throw ReviewStoreError(path: path, message: "is a directory; --out needs a file name")
        }
        // O_EXCL|O_NOFOLLOW under an unpredictable name, removed on SIGINT and
        // SIGTERM too; ones left by a kill -9 go at the next export (TempFile).
        do { temp = try TempFile(for: finalPath) } catch {
            throw ReviewStoreError(path: path, message: "cannot create the export file: \(error.reason) (does the folder exist, is it writable?)")
        }
        handle = FileHandle(fileDescriptor: temp.fd, closeOnDealloc: false)
    }

    deinit { if !finished { abandon() } }

    public func writeLine(_ line: String) throws {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 18 { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes an image into the (temporary) images folder; returns its path
    /// once the export is committed, absolute.
    func writeImage(name: String, bytes: [UInt8]) throws -> String {
        let fm = FileManager.default
        let temp: String
        if let imagesTemp {
            temp = imagesTemp.path
        } else {
            // Named and removed as the export file is (TempFolder): on SIGINT
            // and SIGTERM too, and at the next export after a kill -9.
            do { imagesTemp = try TempFolder(for: finalImagesFolder) } catch {
                throw ReviewStoreError(path: finalImagesFolder, message: "cannot create the images folder: \(error.reason)")
            }
            temp = imagesTemp?.path ?? ""
        }
        let file = (temp as NSString).appendingPathComponent(name)
        guard fm.createFile(atPath: file, contents: Data(bytes)) else {
            throw ReviewStoreError(path: file, message: "cannot write the inline image")
        }
        return (finalImagesFolder as NSString).appendingPathComponent(name)
    }

    var finalImagesFolder: String { (directory as NSString).appendingPathComponent(imagesFolderName) }

    /// Flushes to disk and renames everything into place. SIGINT, SIGTERM and
    /// SIGHUP wait until the renames are done, so an interrupt leaves either
    /// the old output and images or the new ones, never a mix.
    public func commit() throws {
        try flush()
        var block = sigset_t(), old = sigset_t()
        sigemptyset(&block)
        for sig in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&block, sig) }
        pthread_sigmask(SIG_BLOCK, &block, &old)
        defer { pthread_sigmask(SIG_SETMASK, &old, nil) }
        // The images go in first, a previous export's images kept aside until
        // the file is in place too: a failure on the way puts everything back
        // as it was, so a failed export leaves nothing new behind.
        let fm = FileManager.default
        var previousImages: String?
        if let imagesTemp {
            if fm.fileExists(atPath: finalImagesFolder) {
                // Aside under the temporary's name: a kill -9 here leaves it for the next export to remove.
                let aside = imagesTemp.path + ".previous"
                guard rename(finalImagesFolder, aside) == 0 else {
                    throw ReviewStoreError(path: finalImagesFolder, message: "cannot replace the previous images: \(String(cString: strerror(errno)))")
                }
                previousImages = aside
            }
            guard rename(imagesTemp.path, finalImagesFolder) == 0 else {
                let reason = String(cString: strerror(errno))
                if let previousImages { _ = rename(previousImages, finalImagesFolder) }
                throw ReviewStoreError(path: finalImagesFolder, message: "cannot move the images into place: \(reason)")
            }
        }
        do { try temp.commit() } catch {
            let reason = error.reason
            if let imagesTemp {
                // Back to the temporary name, which abandon() removes.
                _ = rename(finalImagesFolder, imagesTemp.path)
                if let previousImages { _ = rename(previousImages, finalImagesFolder) }
            }
            throw ReviewStoreError(path: finalPath, message: "cannot move the export into place: \(reason)")
        }
        imagesTemp?.moved()
        if let previousImages { try? fm.removeItem(atPath: previousImages) }
        imagesTemp = nil
        finished = true
    }

    /// Removes everything written so far.
    public func abandon() {
        finished = true
        temp.abandon()
        imagesTemp?.abandon()
        imagesTemp = nil
    }
}
