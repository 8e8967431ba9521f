/// Turns unfiltered PNG rows of any colour type and bit depth into 8-bit
/// RGBA. The colour type and depth are looked at once per row; each case
/// has its own tight loop with no per-pixel dispatch.
struct PNGColorConverter {
    let header: PNGHeader
    /// Whether 16-bit samples become 8 bits as Pillow reads them (the high
    /// byte; 16-bit grey kept whole and clipped at 255 by `convert("RGB")`)
    /// rather than rounded to the nearest 8-bit level.
    let model: Bool
    /// Counts 16-bit grey pixels above 255 that the model rendition clips to white.
    let clipped: ClipCounter?
    /// RGBA for every index (palette images) or every grey level (grey at
    /// 8 bits or less, with tRNS applied), packed so one 32-bit store writes a pixel.
    private var table: [UInt32] = []
    /// Number of valid palette entries; indices at or past it are an error.
    private var tableCount = 256
    /// tRNS key colour in stored sample units (-1: none). Grey uses `keyR`.
    private var keyR = -1, keyG = -1, keyB = -1

    init(header: PNGHeader, palette: UnsafeBufferPointer<UInt8>?, transparency: UnsafeBufferPointer<UInt8>?,
         model: Bool = false, clipped: ClipCounter? = nil) {
        self.header = header
        self.model = model
        self.clipped = clipped
        let trns = transparency ?? UnsafeBufferPointer(start: nil, count: 0)
        func u16(_ i: Int) -> Int { Int(trns[i]) << 8 | Int(trns[i + 1]) }
        switch header.colorType {
        case 3:
            let plte = palette ?? UnsafeBufferPointer(start: nil, count: 0)
            tableCount = plte.count / 3
            table = [UInt32](repeating: Self.pack(0, 0, 0, 255), count: 256)
            for i in 0..<min(tableCount, 256) {
                let a = i < trns.count ? trns[i] : 255
                table[i] = Self.pack(plte[i * 3], plte[i * 3 + 1], plte[i * 3 + 2], a)
            }
        case 0:
            if trns.count >= 2 { keyR = u16(0) }
            if header.bitDepth <= 8 {
                let levels = 1 << header.bitDepth
                let scale = 255 / (levels - 1)
                table = [UInt32](repeating: 0, count: 256)
                for v in 0..<levels {
                    let g = UInt8(v * scale)
                    table[v] = Self.pack(g, g, g, v == keyR ? 0 : 255)
                }
            }
        case 2:
            if trns.count >= 6 { keyR = u16(0); keyG = u16(2); keyB = u16(4) }
        default:
            break
        }
    }

    /// Bytes in memory order R, G, B, A.
    private static func pack(_ r: UInt8, _ g: UInt8, _ b: UInt8, _ a: UInt8) -> UInt32 {
        (UInt32(r) | UInt32(g) << 8 | UInt32(b) << 16 | UInt32(a) << 24).littleEndian
    }

    /// 16-bit sample to 8 bits with rounding.
    @inline(__always)
    private static func scale16(_ v: UInt32) -> UInt8 { UInt8(truncatingIfNeeded: (v &* 255 &+ 32767) / 65535) }

    /// 16-bit sample to 8 bits: rounded, or the high byte as Pillow's
    /// "RGB;16B" / "LA;16B" / "RGBA;16B" unpackers take it.
    @inline(__always)
    private func to8(_ hi: UInt8, _ lo: UInt8) -> UInt8 { model ? hi : Self.scale16(UInt32(hi) << 8 | UInt32(lo)) }

    /// Converts one row of `count` pixels from `src` to RGBA at `dst`,
    /// advancing `step` bytes per pixel (4, or more for Adam7 passes).
    /// Returns false if a palette index is past the end of the palette.
    func convert(_ src: UnsafePointer<UInt8>, count: Int, to dst: UnsafeMutablePointer<UInt8>, step: Int) -> Bool {
        let raw = UnsafeMutableRawPointer(dst)
        switch (header.colorType, header.bitDepth) {
        case (0, 16):
            let key = keyR
            var over = 0
            for i in 0..<count {
                let v = UInt32(src[2 * i]) << 8 | UInt32(src[2 * i + 1])
                // Pillow opens 16-bit grey as mode I;16 and convert("RGB")
                // clips each value to 0...255: anything above is white.
                let g: UInt8
                if model {
                    if v > 255 { over += 1 }
                    g = UInt8(min(v, 255))
                } else {
                    g = Self.scale16(v)
                }
                let d = dst + i * step
                d[0] = g; d[1] = g; d[2] = g; d[3] = Int(v) == key ? 0 : 255
            }
            if over > 0 { clipped?.add(over) }
        case (0, _), (3, _):
            return table.withUnsafeBufferPointer { t in
                indexed(src, count: count, raw: raw, step: step, table: t)
            }
        case (2, 8) where keyR < 0 && count > 0:
            // The common photo case. Four pixels at a time where the output is
            // contiguous: three 4-byte loads (12 bytes: R0G0B0R1 G1B1R2G2 B2R3G3B3)
            // become four opaque pixels. All loads come before the stores, and
            // in the in-place layout the input of the next four pixels starts
            // after the output of these ends (see PNGDecoder.decode).
            let s = UnsafeRawPointer(src)
            let opaque: UInt32 = 0xFF00_0000
            var i = 0
            if step == 4 {
                while i &+ 4 <= count {
                    let o = 3 &* i, d = 4 &* i
                    let w0 = UInt32(littleEndian: s.loadUnaligned(fromByteOffset: o, as: UInt32.self))
                    let w1 = UInt32(littleEndian: s.loadUnaligned(fromByteOffset: o &+ 4, as: UInt32.self))
                    let w2 = UInt32(littleEndian: s.loadUnaligned(fromByteOffset: o &+ 8, as: UInt32.self))
                    raw.storeBytes(of: (w0 | opaque).littleEndian, toByteOffset: d, as: UInt32.self)
                    raw.storeBytes(of: (w0 >> 24 | w1 << 8 | opaque).littleEndian, toByteOffset: d &+ 4, as: UInt32.self)
                    raw.storeBytes(of: (w1 >> 16 | w2 << 16 | opaque).littleEndian, toByteOffset: d &+ 8, as: UInt32.self)
                    raw.storeBytes(of: (w2 >> 8 | opaque).littleEndian, toByteOffset: d &+ 12, as: UInt32.self)
                    i &+= 4
                }
            }
            // The rest one at a time: a 4-byte load whose fourth byte (from the
            // next pixel) is replaced by opaque alpha; the last pixel bytewise.
            while i < count &- 1 {
                let v = UInt32(littleEndian: s.loadUnaligned(fromByteOffset: 3 &* i, as: UInt32.self)) | opaque
                raw.storeBytes(of: v.littleEndian, toByteOffset: i &* step, as: UInt32.self)
                i &+= 1
            }
            guard i < count else { break }
            let last = src + 3 * (count - 1), d = dst + (count - 1) * step
            d[0] = last[0]; d[1] = last[1]; d[2] = last[2]; d[3] = 255
        case (2, 8):
            let kr = keyR, kg = keyG, kb = keyB
            for i in 0..<count {
                let s = src + 3 * i, d = dst + i * step
                let r = s[0], g = s[1], b = s[2]
                d[0] = r; d[1] = g; d[2] = b
                d[3] = Int(r) == kr && Int(g) == kg && Int(b) == kb ? 0 : 255
            }
        case (2, _):
            let kr = keyR, kg = keyG, kb = keyB
            for i in 0..<count {
                let s = src + 6 * i, d = dst + i * step
                let r = UInt32(s[0]) << 8 | UInt32(s[1])
                let g = UInt32(s[2]) << 8 | UInt32(s[3])
                let b = UInt32(s[4]) << 8 | UInt32(s[5])
                d[0] = to8(s[0], s[1]); d[1] = to8(s[2], s[3]); d[2] = to8(s[4], s[5])
                d[3] = Int(r) == kr && Int(g) == kg && Int(b) == kb ? 0 : 255
            }
        case (4, 8):
            for i in 0..<count {
                let s = src + 2 * i, d = dst + i * step
                let g = s[0]
                d[0] = g; d[1] = g; d[2] = g; d[3] = s[1]
            }
        case (4, _):
            for i in 0..<count {
                let s = src + 4 * i, d = dst + i * step
                let g = to8(s[0], s[1])
                d[0] = g; d[1] = g; d[2] = g; d[3] = to8(s[2], s[3])
            }
        case (6, 8):
            if step == 4 {
                raw.copyMemory(from: src, byteCount: count * 4)
            } else {
                for i in 0..<count {
                    raw.storeBytes(of: UnsafeRawPointer(src + 4 * i).loadUnaligned(as: UInt32.self), toByteOffset: i * step, as: UInt32.self)
                }
            }
        default:
            for i in 0..<count {
                let s = src + 8 * i, d = dst + i * step
                d[0] = to8(s[0], s[1]); d[1] = to8(s[2], s[3])
                d[2] = to8(s[4], s[5]); d[3] = to8(s[6], s[7])
            }
        }
        return true
    }

    /// Table lookup for palette images and low-depth grey: samples are
    /// packed most significant bits first, `depth` bits each.
    @inline(__always)
    private func indexed(_ src: UnsafePointer<UInt8>, count: Int, raw: UnsafeMutableRawPointer, step: Int,
                         table t: UnsafeBufferPointer<UInt32>) -> Bool {
        guard let tp = t.baseAddress else { return false }
        let limit = tableCount
        var highest = 0
        switch header.bitDepth {
        case 8:
            for i in 0..<count {
                let idx = Int(src[i])
                highest = max(highest, idx)
                raw.storeBytes(of: tp[idx], toByteOffset: i * step, as: UInt32.self)
            }
        default:
            let depth = header.bitDepth
            let perByte = 8 / depth
            let mask = (1 << depth) - 1
            for i in 0..<count {
                let byte = Int(src[i / perByte])
                let shift = 8 - depth * (i % perByte + 1)
                let idx = (byte >> shift) & mask
                highest = max(highest, idx)
                raw.storeBytes(of: tp[idx], toByteOffset: i * step, as: UInt32.self)
            }
        }
        return highest < limit
    }
}

/// A count shared by the rows of one decode (all converted on one thread).
final class ClipCounter {
    private(set) var count = 0
    func add(_ n: Int) { count += n }
}
