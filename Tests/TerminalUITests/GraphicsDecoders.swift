import CZlib
import Imaging
@testable import TerminalUI

// Independent decoders for what the graphics encoders write, so the tests
// check the bytes a terminal reads, not the encoder against itself.

/// One kitty graphics command: its keys and its base64 payload.
struct KittyCommand { var keys: [String: String]; var payload: String }

/// Splits a string of APC escapes `ESC _G keys ; payload ESC \` into commands; nil if anything else is in it.
func kittyCommands(_ s: String) -> [KittyCommand]? {
    var out: [KittyCommand] = []
    var rest = Substring(s)
    while !rest.isEmpty {
        guard rest.hasPrefix("\u{1B}_G"), let end = rest.range(of: "\u{1B}\\") else { return nil }
        let body = rest[rest.index(rest.startIndex, offsetBy: 3)..<end.lowerBound]
        let parts = body.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
        var keys: [String: String] = [:]
        for kv in parts[0].split(separator: ",") {
            let p = kv.split(separator: "=", maxSplits: 1)
            guard p.count == 2 else { return nil }
            keys[String(p[0])] = String(p[1])
        }
        out.append(KittyCommand(keys: keys, payload: parts.count > 1 ? String(parts[1]) : ""))
        rest = rest[end.upperBound...]
    }
    return out
}

/// zlib inflate of a whole stream, or nil when it is not one.
func inflate(_ data: [UInt8], expected: Int) -> [UInt8]? {
    var out = [UInt8](repeating: 0, count: expected)
    var len = uLongf(expected)
    let st = out.withUnsafeMutableBufferPointer { o in
        data.withUnsafeBufferPointer { i in uncompress(o.baseAddress, &len, i.baseAddress, uLong(i.count)) }
    }
    return st == Z_OK && Int(len) == expected ? out : nil
}

/// A small sixel decoder: raster attributes, colour registers in RGB
/// percent, `!` repeats, `$` and `-`. Pixels never set stay (0, 0, 0, 0).
func decodeSixel(_ s: String) -> RGBAImage? {
    let b = Array(s.utf8)
    guard let q = b.firstIndex(of: UInt8(ascii: "q")), b.starts(with: [0x1B, UInt8(ascii: "P")]) else { return nil }
    var i = q + 1
    func number() -> Int {
        var n = 0
        while i < b.count, b[i] >= 48, b[i] <= 57 { n = n * 10 + Int(b[i] - 48); i += 1 }
        return n
    }
    var w = 0, h = 0
    if i < b.count, b[i] == UInt8(ascii: "\"") {
        i += 1; _ = number(); i += 1; _ = number(); i += 1; w = number(); i += 1; h = number()
    }
    guard w > 0, h > 0 else { return nil }
    var img = RGBAImage(width: w, height: h, fill: RGBA(0, 0, 0, 0))
    var regs: [Int: RGBA] = [:]
    var color = RGBA(0, 0, 0), x = 0, band = 0
    while i < b.count {
        let c = b[i]
        switch c {
        case 0x1B: return img
        case UInt8(ascii: "#"):
            i += 1
            let n = number()
            if i < b.count, b[i] == UInt8(ascii: ";") {
                i += 1; _ = number(); i += 1
                let r = number(); i += 1; let g = number(); i += 1; let bl = number()
                func v(_ p: Int) -> UInt8 { UInt8((p * 255 + 50) / 100) }
                regs[n] = RGBA(v(r), v(g), v(bl))
            }
            color = regs[n] ?? RGBA(0, 0, 0)
            continue
        case UInt8(ascii: "$"): x = 0
        case UInt8(ascii: "-"): x = 0; band += 1
        case UInt8(ascii: "!"), 63...126:
            var count = 1
            if c == UInt8(ascii: "!") { i += 1; count = number() }
            guard i < b.count, b[i] >= 63, b[i] <= 126 else { return nil }
            let bits = b[i] - 63
            for _ in 0..<count {
                for k in 0..<6 where bits & (1 << k) != 0 {
                    let y = band * 6 + k
                    if x < w, y < h { img[x, y] = color }
                }
                x += 1
            }
        default: break
        }
        i += 1
    }
    return nil
}

/// Largest and mean absolute difference over the RGB channels of two images of one size.
func channelError(_ a: RGBAImage, _ b: RGBAImage) -> (max: Int, mean: Double) {
    var mx = 0, sum = 0
    for i in 0..<(a.width * a.height) {
        for c in 0..<3 {
            let d = abs(Int(a.pixels[i * 4 + c]) - Int(b.pixels[i * 4 + c]))
            mx = max(mx, d); sum += d
        }
    }
    return (mx, Double(sum) / Double(max(1, a.width * a.height * 3)))
}

/// A photo-like test picture: smooth gradients, a textured band and hard edges, many colours.
func photoLike(width: Int, height: Int) -> RGBAImage {
    var img = RGBAImage(width: width, height: height)
    for y in 0..<height {
        for x in 0..<width {
            let fx = Double(x) / Double(width), fy = Double(y) / Double(height)
            var r = 40 + 180 * fx, g = 60 + 150 * fy, b = 200 - 120 * fx * fy
            if (x / 7 + y / 5) % 2 == 0 && fy > 0.6 { r *= 0.7; g *= 0.8 }
            let dx = fx - 0.35, dy = fy - 0.4
            if dx * dx + dy * dy < 0.03 { r = 230; g = 200 - 100 * fy; b = 30 }
            img[x, y] = RGBA(UInt8(min(255, r)), UInt8(min(255, g)), UInt8(min(255, b)))
        }
    }
    return img
}
