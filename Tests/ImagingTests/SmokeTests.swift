import Testing
@testable import Imaging

@Test func resampleAveragesAreas() {
    // A 2x1 image of black and white becomes one mid-grey pixel.
    let img = RGBAImage(width: 2, height: 1, pixels: [0, 0, 0, 255, 255, 255, 255, 255])
    let out = img.resampled(width: 1, height: 1)
    #expect(out[0, 0] == RGBA(128, 128, 128))
}
