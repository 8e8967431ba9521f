import ArgumentParser
import Foundation
import Imaging

/// `scenelens decode`: decodes one image to PAM, or prints its header.
struct Decode: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode a PNG, PNM or JPEG image to a PAM file (RGBA, 8 bits), or show its header.",
        discussion: """
            Writes P7 PAM (TUPLTYPE RGB_ALPHA, MAXVAL 255) to --out, or to standard output.
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

    @Option(name: .long, help: "Refuse images with more pixels than this.")
    var maxPixels: Int = ImageDecoder.defaultMaxPixels

    func validate() throws {
        guard maxPixels > 0 else { throw ValidationError("--max-pixels must be positive") }
    }

    func run() throws {
        do {
            let bytes = try ImageDecoder.readFile(atPath: image)
            if info {
                let i = try ImageDecoder.info(bytes)
                print("""
                    format: \(i.format.rawValue)
                    size: \(i.width)x\(i.height)
                    colour type: \(i.colorType)
                    bit depth: \(i.bitDepth)
                    interlaced: \(i.interlaced ? "yes" : "no")
                    """)
                return
            }
            let decoded = try ImageDecoder.decode(bytes, maxPixels: maxPixels)
            try write(PNMWriter.pam(decoded))
        } catch let error as ImageError {
            try fail("\(image): \(error.message)")
        } catch let error as OutputError {
            try fail(error.message)
        }
    }

    private struct OutputError: Error { var message: String }

    /// Reports on stderr and exits 1, without ArgumentParser's usage text.
    private func fail(_ message: String) throws -> Never {
        FileHandle.standardError.write(Data("scenelens decode: \(message)\n".utf8))
        throw ExitCode(1)
    }

    /// Writes to stdout, or to a temporary file renamed over `--out` so a
    /// failed run never leaves half a file behind.
    private func write(_ data: [UInt8]) throws {
        guard let out else {
            FileHandle.standardOutput.write(Data(data))
            return
        }
        let url = URL(fileURLWithPath: out)
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(data).write(to: temp)
            if rename(temp.path, url.path) != 0 {
                let why = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temp)
                throw OutputError(message: "\(out): cannot write: \(why)")
            }
        } catch let error as OutputError {
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw OutputError(message: "\(out): cannot write: \(error.localizedDescription)")
        }
    }
}
