extension RGBAImage {
    /// The light and dark squares transparency is shown over, as image editors show it.
    public static let checkerLight = RGBA(204, 204, 204), checkerDark = RGBA(128, 128, 128)

    /// The image composited over a checkerboard of `square`-pixel squares
    /// (light at the top left), opaque: where the file is transparent the
    /// squares show through, where it is translucent they show in part.
    public func overCheckerboard(square: Int) -> RGBAImage {
        let side = max(1, square)
        var out = self
        let light = Self.checkerLight, dark = Self.checkerDark
        for y in 0..<height {
            for x in 0..<width {
                let i = (y * width + x) * 4
                let a = UInt32(pixels[i + 3])
                if a == 255 { continue }
                let bg = (x / side + y / side) % 2 == 0 ? light : dark
                func over(_ c: UInt8, _ b: UInt8) -> UInt8 { UInt8((UInt32(c) * a + UInt32(b) * (255 - a) + 127) / 255) }
                out.pixels[i] = over(pixels[i], bg.r)
                out.pixels[i + 1] = over(pixels[i + 1], bg.g)
                out.pixels[i + 2] = over(pixels[i + 2], bg.b)
                out.pixels[i + 3] = 255
            }
        }
        return out
    }
}
