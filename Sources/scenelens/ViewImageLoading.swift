import Foundation
import Imaging

extension View {
    /// Reads an image file. Until the Imaging decoder lands this reads binary
    /// PGM/PPM (P5/P6, 8-bit) only.
    static func decodeImage(_ path: String) throws -> RGBAImage {
        guard let data = FileManager.default.contents(atPath: path) else { throw ViewError("cannot read the file") }
        let b = [UInt8](data)
        guard b.count > 2, b[0] == UInt8(ascii: "P"), b[1] == UInt8(ascii: "5") || b[1] == UInt8(ascii: "6") else {
            throw ViewError("unsupported image format (this build reads binary PGM/PPM only)")
        }
        var i = 2
        func number() throws -> Int {
            while i < b.count {
                if b[i] == UInt8(ascii: "#") { while i < b.count && b[i] != 10 { i += 1 } }
                else if b[i] == 32 || (9...13).contains(b[i]) { i += 1 } else { break }
            }
            var v = 0, digits = 0
            while i < b.count, (48...57).contains(b[i]), digits < 9 { v = v * 10 + Int(b[i] - 48); i += 1; digits += 1 }
            guard digits > 0 else { throw ViewError("PNM header is damaged") }
            return v
        }
        let w = try number(), h = try number(), maxv = try number()
        i += 1
        let ch = b[1] == UInt8(ascii: "5") ? 1 : 3
        guard w > 0, h > 0, w * h <= 100_000_000, maxv == 255 else { throw ViewError("PNM size or depth not supported (8-bit only)") }
        guard b.count >= i + w * h * ch else { throw ViewError("PNM data is truncated") }
        var img = RGBAImage(width: w, height: h)
        for p in 0..<(w * h) {
            let o = i + p * ch
            img.pixels[p * 4] = b[o]; img.pixels[p * 4 + 1] = b[o + ch / 3 * 1]; img.pixels[p * 4 + 2] = b[o + ch / 3 * 2]
        }
        return img
    }
}
