import Testing
@testable import Imaging

@Test func resampleWeightsFractionalEdges() {
    // Three pixels into two: each target covers one and a half source pixels.
    let img = RGBAImage(width: 3, height: 1, pixels: [0, 0, 0, 255, 90, 90, 90, 255, 180, 180, 180, 255])
    let out = img.resampled(width: 2, height: 1)
    #expect(out[0, 0] == RGBA(30, 30, 30))    // (0*1 + 90*0.5) / 1.5
    #expect(out[1, 0] == RGBA(150, 150, 150)) // (90*0.5 + 180*1) / 1.5
}

@Test func resampleCompositesAlphaOverBackground() {
    let half = RGBAImage(width: 1, height: 1, pixels: [200, 100, 0, 128])
    let out = half.resampled(width: 1, height: 1, background: RGBA(0, 0, 255))
    #expect(out[0, 0] == RGBA(100, 50, 127, 255))
    // A fully transparent pixel contributes the background, never its own colour.
    let pair = RGBAImage(width: 2, height: 1, pixels: [255, 255, 255, 255, 255, 0, 0, 0])
    #expect(pair.resampled(width: 1, height: 1)[0, 0] == RGBA(128, 128, 128))
}

@Test func resampleEnlargingRepeatsPixels() {
    let img = RGBAImage(width: 2, height: 1, pixels: [10, 20, 30, 255, 40, 50, 60, 255])
    let out = img.resampled(width: 4, height: 2)
    #expect(out[0, 0] == RGBA(10, 20, 30) && out[1, 1] == RGBA(10, 20, 30))
    #expect(out[2, 0] == RGBA(40, 50, 60) && out[3, 1] == RGBA(40, 50, 60))
}

@Test func resampleMatchesDirectAreaAverage() {
    // Pseudo-random image, reduced by a non-integer factor in both directions,
    // against a direct (slow) evaluation of the same box-filter integral.
    var state: UInt32 = 12345
    var px = [UInt8]()
    for _ in 0..<(37 * 23 * 4) {
        state = state &* 1_103_515_245 &+ 12345
        px.append(UInt8(truncatingIfNeeded: state >> 16))
    }
    let img = RGBAImage(width: 37, height: 23, pixels: px)
    let bg = RGBA(20, 200, 90)
    let out = img.resampled(width: 10, height: 7, background: bg)
    var worst = 0.0
    for ty in 0..<7 {
        for tx in 0..<10 {
            let x0 = Double(tx) * 3.7, x1 = Double(tx + 1) * 3.7
            let y0 = Double(ty) * 23 / 7, y1 = Double(ty + 1) * 23 / 7
            var sum = [0.0, 0.0, 0.0], total = 0.0
            for sy in Int(y0)..<min(23, Int(y1.rounded(.up))) {
                let wy = min(y1, Double(sy + 1)) - max(y0, Double(sy))
                for sx in Int(x0)..<min(37, Int(x1.rounded(.up))) {
                    let w = wy * (min(x1, Double(sx + 1)) - max(x0, Double(sx)))
                    guard w > 0 else { continue }
                    let p = img[sx, sy]
                    let a = Double(p.a) / 255
                    sum[0] += w * (Double(p.r) * a + Double(bg.r) * (1 - a))
                    sum[1] += w * (Double(p.g) * a + Double(bg.g) * (1 - a))
                    sum[2] += w * (Double(p.b) * a + Double(bg.b) * (1 - a))
                    total += w
                }
            }
            let got = out[tx, ty]
            worst = max(worst, abs(Double(got.r) - sum[0] / total), abs(Double(got.g) - sum[1] / total),
                        abs(Double(got.b) - sum[2] / total))
            #expect(got.a == 255)
        }
    }
    #expect(worst <= 0.51)
}

@Suite struct CheckerboardTests {
    @Test func transparencyShowsTheSquaresAndOpaquePixelsStay() {
        // 4 x 2: opaque red, fully transparent, half-transparent white, opaque blue; then all transparent.
        var img = RGBAImage(width: 4, height: 2, fill: RGBA(0, 0, 0, 0))
        let row0: [RGBA] = [RGBA(255, 0, 0), RGBA(10, 20, 30, 0), RGBA(255, 255, 255, 128), RGBA(0, 0, 255)]
        for (x, c) in row0.enumerated() { img.pixels.replaceSubrange(x * 4..<(x * 4 + 4), with: [c.r, c.g, c.b, c.a]) }
        let out = img.overCheckerboard(square: 2)
        func px(_ x: Int, _ y: Int) -> [UInt8] { Array(out.pixels[(y * 4 + x) * 4..<((y * 4 + x) * 4 + 4)]) }
        #expect(px(0, 0) == [255, 0, 0, 255])
        #expect(px(1, 0) == [204, 204, 204, 255])                 // light square, colour under alpha 0 not shown
        #expect(px(2, 0) == [192, 192, 192, 255])                 // white at 128/255 over dark 128
        #expect(px(3, 0) == [0, 0, 255, 255])
        #expect(px(0, 1) == [204, 204, 204, 255] && px(2, 1) == [128, 128, 128, 255])
        #expect(out.pixels.enumerated().allSatisfy { $0.offset % 4 != 3 || $0.element == 255 })
    }
}
