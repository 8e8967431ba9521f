import Imaging

/// Writes binary PPM (P6) until the Imaging target's `PNMWriter` is on main.
enum PNMFallback {
    /// The bytes of a P6 file holding `image` (alpha dropped).
    static func ppm(_ image: RGBAImage) -> [UInt8] {
        var out = Array("P6\n\(image.width) \(image.height)\n255\n".utf8)
        out.reserveCapacity(out.count + image.width * image.height * 3)
        var i = 0
        while i < image.pixels.count {
            out.append(image.pixels[i]); out.append(image.pixels[i + 1]); out.append(image.pixels[i + 2])
            i += 4
        }
        return out
    }
}
