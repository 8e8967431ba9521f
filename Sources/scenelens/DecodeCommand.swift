import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Imaging
import SceneData
import TerminalUI

/// `scenelens decode`: decodes one image to PAM, or prints its header.
struct Decode: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        _superCommandName: SceneLens.name,
        abstract: "Decode a PNG, JPEG, WebP, GIF, TIFF, BMP or PNM image to a PAM file (RGBA, 8 bits), or show its header.",
        discussion: """
            Writes P7 PAM (TUPLTYPE RGB_ALPHA, MAXVAL 255) to --out, or to standard output: the
            pixels the model trains on (Pillow's exif_transpose then convert("RGB"): upright,
            alpha dropped, opaque), or with --stored the file's own pixels, upright, alpha kept.
            Example: scenelens decode photo.jpg --out photo.pam
                     scenelens decode photo.png --info
            """
    )

    @Argument(help: "The image file to decode (format is recognised from its contents).")
    var image: String

    @Option(name: .long, help: "Write the PAM file here instead of standard output.")
    var out: String?

    @Flag(name: .long, help: "Print format, size, colour type, bit depth and interlacing instead of decoding.")
    var info = false

    @Flag(name: .long, help: "The file's own pixels (alpha kept, 16-bit samples rounded) instead of what the model sees.")
    var stored = false

    @OptionGroup var alpha: AlphaOption

    @Option(name: .long, help: "Refuse images with more pixels than this.")
    var maxPixels: Int = ImageDecoder.defaultMaxPixels

    func validate() throws {
        guard maxPixels > 0 else { throw ValidationError("--max-pixels must be positive") }
    }

    func run() throws {
        do {
            if info {
                let i = try ImageDecoder.info(ImageDecoder.readFile(atPath: image))
                let orientation = i.orientation == 1 ? "1 (upright as stored)"
                    : "\(i.orientation) (EXIF: \(EXIFOrientation.describe(i.orientation)) to show it; stored \(i.storedWidth)x\(i.storedHeight))"
                print("""
                    format: \(i.format.rawValue)
                    size: \(i.width)x\(i.height)
                    orientation: \(orientation)
                    colour type: \(i.colorType)
                    bit depth: \(i.bitDepth)
                    interlaced: \(i.interlaced ? "yes" : "no")
                    """ + (i.frames > 1 ? "\nframes: an animation; only the first frame is used" : ""))
                return
            }
            // A PAM file is binary: sent to a terminal it is garbage on screen
            // and can leave the terminal in a strange state.
            if out == nil && isatty(STDOUT_FILENO) == 1 {
                try fail("refusing to write a binary PAM image to the terminal; give --out FILE, "
                    + "redirect it (> image.pam), or use --info for the header")
            }
            let rendition: Rendition = stored ? .stored : .model(alpha: alpha.resolved(command: "decode"))
            // An upright JPEG into a file goes there a band of rows at a
            // time, as djpeg does, never as a whole frame (the temporary file
            // is dropped if decoding fails half way). Standard output gets
            // nothing unless the whole image decoded, so it takes the frame.
            if out != nil, ImageDecoder.startsAsJPEG(atPath: image) {
                let bytes = try ImageDecoder.readFile(atPath: image)
                var streamed = false
                try write { fd, name in
                    streamed = try ImageDecoder.decodeRowsIfUprightJPEG(bytes, maxPixels: maxPixels, start: { w, h in
                        try writeAll(fd, PNMWriter.pamHeader(width: w, height: h), name: name)
                    }, rows: { _, band in
                        try writeAll(fd, UnsafeRawBufferPointer(band), name: name)
                    })
                    if !streamed {
                        let image = try ImageDecoder.decode(bytes, maxPixels: maxPixels, rendition: rendition)
                        try writeAll(fd, PNMWriter.pamHeader(width: image.width, height: image.height), name: name)
                        try writeAll(fd, image.pixels, name: name)
                    }
                }
                return
            }
            let decoded = try ImageDecoder.decodeFile(atPath: image, maxPixels: maxPixels, rendition: rendition)
            try write(decoded)
        } catch let error as ImageError {
            try fail("\(image): \(error.message)")
        } catch let error as OutputError {
            try fail(error.message)
        }
    }

    private struct OutputError: Error { var message: String }

    /// Why a file could not be written, in the words the readers use.
    private static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT, ENOTDIR: return "no such folder"
        case EACCES: return "permission denied"
        case EISDIR: return "it is a directory"
        default: return String(cString: strerror(code))
        }
    }

    /// Reports on stderr and exits 2 (could not run), without ArgumentParser's usage text.
    private func fail(_ message: String) throws -> Never {
        TerminalText.errorLine("scenelens decode: \(message)")
        throw ExitCode(ExitStatus.couldNotRun)
    }

    /// Writes to stdout, or to a temporary file renamed to `--out` so a
    /// failed run never leaves half a file behind (see `TempFile`: an
    /// unpredictable name created with O_EXCL|O_NOFOLLOW, removed on every way
    /// out, the old `--out` replaced only by the rename). An existing `--out`
    /// that is not a regular file (/dev/null, a FIFO, a terminal) is written in place.
    ///
    /// No fsync before the rename: a decoded image is derived data, remade by
    /// running the command again, and ext4 already writes the new data back
    /// inside a rename that replaces a file. What remains true is that `--out`
    /// never holds a partial image.
    private func write(_ image: RGBAImage) throws {
        let header = PNMWriter.pamHeader(width: image.width, height: image.height)
        guard out != nil else {
            try writeAll(STDOUT_FILENO, header, image.pixels, name: "standard output")
            return
        }
        try write { fd, name in try writeAll(fd, header, image.pixels, name: name) }
    }

    /// Runs `emit` with the file descriptor to write the PAM file to and the
    /// name to report, as `write(_:)` describes.
    private func write(_ emit: (Int32, String) throws -> Void) throws {
        guard let out else {
            try emit(STDOUT_FILENO, "standard output")
            return
        }
        var st = stat()
        if stat(out, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG {
            let fd = open(out, O_WRONLY | O_NONBLOCK)
            guard fd >= 0 else { throw OutputError(message: "\(out): cannot write: \(Self.reason(errno))") }
            defer { close(fd) }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
            try emit(fd, out)
            return
        }
        let temp: TempFile
        // The temporary name is ours, not the user's: the message names --out and the reason.
        do { temp = try TempFile(for: out) } catch {
            throw OutputError(message: "\(out): cannot write: \(Self.reason(error.code))")
        }
        do {
            try emit(temp.fd, out)
            try temp.commit(sync: false)
        } catch let failure as TempFile.Failure {
            throw OutputError(message: "\(out): cannot write: \(failure.reason)")
        } catch {
            temp.abandon()
            throw error
        }
    }

    /// Writes each buffer completely (see FileWrite).
    private func writeAll(_ fd: Int32, _ parts: [UInt8]..., name: String) throws {
        for part in parts {
            try part.withUnsafeBytes { try writeAll(fd, $0, name: name) }
        }
    }

    private func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, name: String) throws {
        do {
            try FileWrite.all(fd, bytes)
        } catch let failure as FileWrite.Failure {
            throw OutputError(message: "\(name): cannot write: \(String(cString: strerror(failure.code)))")
        }
    }
}

