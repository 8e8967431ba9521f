/// Size arithmetic shared by the readers: every product that sizes a buffer
/// comes from a forged-or-not header, so each one is checked for overflow.
enum SizeCheck {
    /// `a * b`, or a `tooLarge` error naming `what` if it overflows.
    static func multiply(_ a: Int, _ b: Int, _ what: String) throws -> Int {
        let (r, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow, r >= 0 else { throw ImageError(.tooLarge, "\(what) overflows the address space") }
        return r
    }

    /// `a + b`, or a `tooLarge` error naming `what` if it overflows.
    static func add(_ a: Int, _ b: Int, _ what: String) throws -> Int {
        let (r, overflow) = a.addingReportingOverflow(b)
        guard !overflow, r >= 0 else { throw ImageError(.tooLarge, "\(what) overflows the address space") }
        return r
    }

    /// Throws `tooLarge` unless `width * height` is within `maxPixels`; returns the pixel count.
    static func pixels(_ width: Int, _ height: Int, maxPixels: Int, format: String) throws -> Int {
        // A side of 0 is an empty image; a negative one a header value
        // beyond Int32 read through a C int. Neither sizes a buffer.
        guard width > 0, height > 0 else {
            throw ImageError(.badHeader, "\(format) image is \(width)x\(height) pixels: both sides must be at least 1")
        }
        let (n, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, n <= maxPixels else {
            throw ImageError(.tooLarge, "\(format) image is \(width)x\(height) pixels, more than the limit of \(maxPixels) pixels")
        }
        // The RGBA output is 4 bytes a pixel; make sure that fits too.
        _ = try multiply(n, 4, "\(format) image size")
        return n
    }

    /// Allocates the RGBA output for `count` pixels without zero-filling it first.
    static func makePixels(count: Int, _ fill: (UnsafeMutablePointer<UInt8>) throws -> Void) rethrows -> [UInt8] {
        let n = count * 4
        return try [UInt8](unsafeUninitializedCapacity: n) { buf, initialized in
            if let base = buf.baseAddress { try fill(base) }
            initialized = n
        }
    }
}
