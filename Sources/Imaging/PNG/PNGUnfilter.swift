/// Reverses PNG row filters in place. Rows lie one after another in the
/// inflated buffer, each led by its filter-type byte; a row is rebuilt from
/// its own earlier bytes and the (already rebuilt) row above it.
enum PNGUnfilter {
    /// Unfilters row `y` of the rows of `rowBytes` data bytes at `base`; the
    /// rows above it must be done already. `bpp` is the filter stride (bytes
    /// per complete pixel, at least 1).
    @inline(__always)
    static func unfilterRow(_ y: Int, of base: UnsafeMutablePointer<UInt8>, rowBytes: Int, bpp: Int, pass: Int?) throws {
        let pitch = rowBytes + 1
        let rowStart = base + y * pitch
        let filter = rowStart[0]
        let cur = rowStart + 1
        let prev: UnsafeMutablePointer<UInt8>? = y > 0 ? cur - pitch : nil
        switch filter {
        case 0:
            break
        case 1:
            sub(cur, rowBytes, bpp)
        case 2:
            if let prev { up(cur, prev, rowBytes) }
        case 3:
            if let prev { average(cur, prev, rowBytes, bpp) } else { averageFirst(cur, rowBytes, bpp) }
        case 4:
            // With no row above, Paeth always predicts the left byte: the Sub filter.
            if let prev { paeth(cur, prev, rowBytes, bpp) } else { sub(cur, rowBytes, bpp) }
        default:
            let place = pass.map { "pass \($0 + 1), row \(y)" } ?? "row \(y)"
            throw ImageError(.corrupt, "PNG image data: \(place) has unknown filter type \(filter) (must be 0 to 4)")
        }
    }

    @inline(__always)
    private static func sub(_ cur: UnsafeMutablePointer<UInt8>, _ n: Int, _ bpp: Int) {
        var i = bpp
        while i < n { cur[i] = cur[i] &+ cur[i &- bpp]; i &+= 1 }
    }

    @inline(__always)
    private static func up(_ cur: UnsafeMutablePointer<UInt8>, _ prev: UnsafeMutablePointer<UInt8>, _ n: Int) {
        var i = 0
        while i < n { cur[i] = cur[i] &+ prev[i]; i &+= 1 }
    }

    @inline(__always)
    private static func averageFirst(_ cur: UnsafeMutablePointer<UInt8>, _ n: Int, _ bpp: Int) {
        var i = bpp
        while i < n { cur[i] = cur[i] &+ cur[i &- bpp] >> 1; i &+= 1 }
    }

    @inline(__always)
    private static func average(_ cur: UnsafeMutablePointer<UInt8>, _ prev: UnsafeMutablePointer<UInt8>, _ n: Int, _ bpp: Int) {
        var i = 0
        let head = min(bpp, n)
        while i < head { cur[i] = cur[i] &+ prev[i] >> 1; i &+= 1 }
        while i < n {
            let avg = (UInt16(cur[i &- bpp]) &+ UInt16(prev[i])) >> 1
            cur[i] = cur[i] &+ UInt8(truncatingIfNeeded: avg)
            i &+= 1
        }
    }

    /// Paeth for any stride; specialised copies for 3 and 4 bytes let the
    /// compiler keep each channel's left/upper-left bytes in registers.
    private static func paeth(_ cur: UnsafeMutablePointer<UInt8>, _ prev: UnsafeMutablePointer<UInt8>, _ n: Int, _ bpp: Int) {
        switch bpp {
        case 3: paethN(cur, prev, n, 3)
        case 4: paethN(cur, prev, n, 4)
        case 1: paethN(cur, prev, n, 1)
        default: paethN(cur, prev, n, bpp)
        }
    }

    @inline(__always)
    private static func paethN(_ cur: UnsafeMutablePointer<UInt8>, _ prev: UnsafeMutablePointer<UInt8>, _ n: Int, _ bpp: Int) {
        var i = 0
        let head = min(bpp, n)
        // First pixel: left and upper-left are zero, so the predictor is the byte above.
        while i < head { cur[i] = cur[i] &+ prev[i]; i &+= 1 }
        while i < n {
            cur[i] = cur[i] &+ predictor(Int32(cur[i &- bpp]), Int32(prev[i]), Int32(prev[i &- bpp]))
            i &+= 1
        }
    }

    /// The Paeth predictor, written as selects so it compiles without branches.
    @inline(__always)
    static func predictor(_ a: Int32, _ b: Int32, _ c: Int32) -> UInt8 {
        let pa = abs(b &- c)
        let pb = abs(a &- c)
        let pc = abs(a &+ b &- c &- c)
        let bc = pb <= pc ? b : c
        let r = pa <= pb && pa <= pc ? a : bc
        return UInt8(truncatingIfNeeded: r)
    }
}
