/// The validated contents of an IHDR chunk and the sizes derived from it.
struct PNGHeader {
    var width: Int
    var height: Int
    var bitDepth: Int
    var colorType: Int
    var interlaced: Bool

    /// Samples per pixel for the colour type.
    var channels: Int {
        switch colorType {
        case 2: return 3
        case 4: return 2
        case 6: return 4
        default: return 1
        }
    }

    /// Bytes per complete pixel, rounded up to 1: the distance filters look back.
    var filterStride: Int { max(1, channels * bitDepth / 8) }

    /// Colour type as a word for `ImageInfo`.
    var colorName: String {
        switch colorType {
        case 0: return "grey"
        case 2: return "rgb"
        case 3: return "palette"
        case 4: return "grey+alpha"
        default: return "rgb+alpha"
        }
    }

    /// Parses and validates IHDR data against the PNG specification.
    init(_ d: UnsafeBufferPointer<UInt8>) throws {
        guard d.count == 13 else {
            throw ImageError(.badHeader, "PNG chunk IHDR: length is \(d.count), must be 13")
        }
        func u32(_ i: Int) -> Int { Int(d[i]) << 24 | Int(d[i + 1]) << 16 | Int(d[i + 2]) << 8 | Int(d[i + 3]) }
        width = u32(0); height = u32(4)
        bitDepth = Int(d[8]); colorType = Int(d[9])
        guard width >= 1, width <= 0x7FFF_FFFF else {
            throw ImageError(.badHeader, "PNG chunk IHDR: width \(width) is out of range (1 to 2^31-1)")
        }
        guard height >= 1, height <= 0x7FFF_FFFF else {
            throw ImageError(.badHeader, "PNG chunk IHDR: height \(height) is out of range (1 to 2^31-1)")
        }
        let allowed: [Int]
        switch colorType {
        case 0: allowed = [1, 2, 4, 8, 16]
        case 3: allowed = [1, 2, 4, 8]
        case 2, 4, 6: allowed = [8, 16]
        default:
            throw ImageError(.badHeader, "PNG chunk IHDR: colour type \(colorType) is invalid (must be 0, 2, 3, 4 or 6)")
        }
        guard allowed.contains(bitDepth) else {
            throw ImageError(.badHeader, "PNG chunk IHDR: bit depth \(bitDepth) is invalid for colour type \(colorType) (allowed: \(allowed.map(String.init).joined(separator: ", ")))")
        }
        guard d[10] == 0 else {
            throw ImageError(.badHeader, "PNG chunk IHDR: compression method \(d[10]) is invalid (must be 0)")
        }
        guard d[11] == 0 else {
            throw ImageError(.badHeader, "PNG chunk IHDR: filter method \(d[11]) is invalid (must be 0)")
        }
        guard d[12] <= 1 else {
            throw ImageError(.badHeader, "PNG chunk IHDR: interlace method \(d[12]) is invalid (must be 0 or 1)")
        }
        interlaced = d[12] == 1
    }

    /// Bytes in one row of `pixels` pixels, without the filter byte.
    func rowBytes(_ pixels: Int) throws -> Int {
        let bits = try SizeCheck.multiply(pixels, channels * bitDepth, "PNG row size")
        return (bits + 7) / 8
    }

    /// The sub-images stored in the data stream: one for a plain image, up
    /// to seven Adam7 passes (empty ones left out) for an interlaced one.
    func passes() -> [Adam7.Pass] {
        interlaced ? Adam7.passes(width: width, height: height) : [Adam7.Pass(x0: 0, y0: 0, dx: 1, dy: 1, width: width, height: height)]
    }

    /// Size of the whole decompressed data stream: each row of each pass plus its filter byte.
    func inflatedSize() throws -> Int {
        var total = 0
        for p in passes() {
            let row = try SizeCheck.add(try rowBytes(p.width), 1, "PNG row size")
            total = try SizeCheck.add(total, try SizeCheck.multiply(row, p.height, "PNG image data size"), "PNG image data size")
        }
        return total
    }
}
