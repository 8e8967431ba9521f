extension RGBAImage {
    /// The pixels of the rectangle `x`, `y`, `width` x `height`, clipped to the image.
    public func cropped(x: Int, y: Int, width w: Int, height h: Int) -> RGBAImage {
        let x0 = min(max(0, x), width), y0 = min(max(0, y), height)
        let x1 = min(width, max(x0, x + max(0, w))), y1 = min(height, max(y0, y + max(0, h)))
        let cw = x1 - x0, ch = y1 - y0
        guard cw > 0, ch > 0 else { return RGBAImage(width: 0, height: 0, pixels: []) }
        if cw == width && ch == height { return self }
        var out = [UInt8](repeating: 0, count: cw * ch * 4)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for row in 0..<ch {
                    let s = ((y0 + row) * width + x0) * 4, d = row * cw * 4
                    for k in 0..<(cw * 4) { dst[d + k] = src[s + k] }
                }
            }
        }
        return RGBAImage(width: cw, height: ch, pixels: out)
    }
}
