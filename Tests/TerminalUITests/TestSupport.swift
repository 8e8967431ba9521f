import Testing
import Imaging
@testable import TerminalUI

/// Fails with the readable cell diff when the buffers differ.
func expectBuffer(_ actual: Buffer, _ expected: Buffer, sourceLocation: SourceLocation = #_sourceLocation) {
    if let d = BufferDiff.describe(expected: expected, actual: actual) {
        Issue.record(Comment(rawValue: d), sourceLocation: sourceLocation)
    }
}

/// An image from rows of colours.
func image(_ rows: [[RGBA]]) -> RGBAImage {
    var img = RGBAImage(width: rows.first?.count ?? 0, height: rows.count)
    for (y, r) in rows.enumerated() { for (x, c) in r.enumerated() { img[x, y] = c } }
    return img
}

func grey(_ v: UInt8) -> RGBA { RGBA(v, v, v) }

func render(_ w: some Widget, width: Int, height: Int) -> Buffer {
    var b = Buffer(width: width, height: height)
    w.render(in: b.area, buffer: &b)
    return b
}
