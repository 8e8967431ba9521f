import Imaging

/// iTerm2's inline images (OSC 1337 File=...): a PNG, base64, shown at the
/// cursor over `columns` x `rows` cells. Also understood by WezTerm and mintty.
public enum ITermImage {
    /// The escape that shows `image` at the cursor, stretched to the cells.
    public static func encode(_ image: RGBAImage, columns: Int, rows: Int) -> String {
        let png = PNGEncoder.encode(image, dropAlpha: true)
        let b64 = Base64.encode(png)
        return "\u{1B}]1337;File=inline=1;size=\(png.count);width=\(max(1, columns));height=\(max(1, rows));"
            + "preserveAspectRatio=0:" + String(decoding: b64, as: UTF8.self) + "\u{07}"
    }
}
