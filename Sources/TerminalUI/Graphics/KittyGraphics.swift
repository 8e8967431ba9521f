import Imaging

/// The kitty graphics protocol, from pixels to the bytes a terminal reads
/// (<https://sw.kovidgoyal.net/kitty/graphics-protocol/>): pixel data sent
/// base64 in chunks of at most 4096 bytes inside APC escapes, in quiet mode
/// (`q=2`, the terminal answers nothing), either placed at the cursor or as a
/// virtual placement shown by Unicode placeholder cells (U+10EEEE with a row
/// and a column diacritic, the image id in the foreground colour), which a
/// curses program and tmux treat as ordinary text.
public enum KittyGraphics {
    /// How the pixels travel.
    public enum Format: Sendable, Hashable {
        /// A PNG file (`f=100`): the terminal decodes it.
        case png
        /// 24-bit RGB, zlib-compressed (`f=24,o=z`): a little smaller for
        /// drawings, barely for photos; for links where bytes cost (tmux).
        case rgb
        /// 24-bit RGB as it is (`f=24`): nothing to compress, as chafa sends
        /// (it sends RGBA, `f=32`); the quickest to make by far.
        case raw
    }

    /// Where the image appears.
    public enum Placement: Sendable, Hashable {
        /// At the cursor, scaled to `columns` x `rows` cells (`a=T,c=,r=`).
        case cursor(columns: Int, rows: Int)
        /// A virtual placement of `columns` x `rows` cells (`a=T,U=1`) that
        /// shows wherever placeholder cells with this id are drawn.
        case placeholder(columns: Int, rows: Int)
    }

    /// The largest number of rows or columns a placeholder can address.
    public static var maxPlaceholderSpan: Int { KittyDiacritics.codePoints.count }

    /// The placeholder character.
    public static let placeholderScalar: Unicode.Scalar = "\u{10EEEE}"

    /// Asks whether the terminal speaks the protocol: a 1x1 RGB query that
    /// stores nothing (`a=q`). A terminal that does answers `ESC _Gi=31;OK ESC \`.
    public static let supportQuery = "\u{1B}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\"

    /// Transmits `image` under `id` (1...2^32-1) and places it; the result is
    /// ASCII only (APC escapes with base64 payloads).
    public static func transmit(_ image: RGBAImage, id: UInt32, format: Format = .raw, placement: Placement,
                                chunkSize: Int = 4096) -> String {
        let payload: [UInt8]
        var keys: String
        switch format {
        case .png:
            payload = PNGEncoder.encode(image, dropAlpha: true)
            keys = "f=100"
        case .rgb:
            payload = PNGEncoder.deflate(rgbBytes(image), level: 1)
            keys = "f=24,s=\(image.width),v=\(image.height),o=z"
        case .raw:
            payload = rgbBytes(image)
            keys = "f=24,s=\(image.width),v=\(image.height)"
        }
        keys += ",i=\(id),q=2"
        switch placement {
        case .cursor(let c, let r): keys = "a=T," + keys + ",c=\(max(1, c)),r=\(max(1, r))"
        case .placeholder(let c, let r): keys = "a=T,U=1," + keys + ",c=\(max(1, c)),r=\(max(1, r))"
        }
        let b64 = Base64.encode(payload)
        // Every chunk but the last must be a multiple of 4 bytes long.
        let size = max(4, chunkSize / 4 * 4)
        // Built as bytes: a few MB appended to a String piece by piece costs
        // more than making the payload.
        var out = [UInt8]()
        out.reserveCapacity(b64.count + (b64.count / size + 1) * 12 + keys.utf8.count + 16)
        var start = 0
        repeat {
            let end = min(b64.count, start + size)
            let more: UInt8 = end < b64.count ? UInt8(ascii: "1") : UInt8(ascii: "0")
            out.append(contentsOf: [0x1B, UInt8(ascii: "_"), UInt8(ascii: "G")])
            if start == 0 { out.append(contentsOf: keys.utf8); out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: [UInt8(ascii: "m"), UInt8(ascii: "="), more, UInt8(ascii: ";")])
            out.append(contentsOf: b64[start..<end])
            out.append(contentsOf: [0x1B, UInt8(ascii: "\\")])
            start = end
        } while start < b64.count
        return String(decoding: out, as: UTF8.self)
    }

    /// Deletes the image `id` with all its placements and frees its data.
    public static func delete(id: UInt32) -> String { "\u{1B}_Ga=d,d=I,i=\(id),q=2\u{1B}\\" }

    /// Deletes every image placement on the screen.
    public static let deleteAll = "\u{1B}_Ga=d,d=A,q=2\u{1B}\\"

    /// One placeholder cell: U+10EEEE, the row diacritic, the column diacritic
    /// (nil beyond the 297 the protocol numbers).
    public static func placeholder(row: Int, column: Int) -> String? {
        let d = KittyDiacritics.codePoints
        guard row >= 0, column >= 0, row < d.count, column < d.count,
              let r = Unicode.Scalar(d[row]), let c = Unicode.Scalar(d[column]) else { return nil }
        var s = String.UnicodeScalarView()
        s.append(placeholderScalar); s.append(r); s.append(c)
        return String(s)
    }

    /// The foreground colour that names image `id` in placeholder cells: a
    /// palette index below 256 (works in 256-colour terminals), else 24-bit.
    public static func idColor(_ id: UInt32) -> Color {
        id < 256 ? .indexed(UInt8(id)) : .rgb(UInt8(id >> 16 & 0xFF), UInt8(id >> 8 & 0xFF), UInt8(id & 0xFF))
    }

    /// Fills `rect` of `buffer` with the placeholder cells of image `id`
    /// (at most 297 x 297 cells; the rest of `rect` is left alone).
    public static func drawPlaceholders(id: UInt32, in rect: Rect, buffer: inout Buffer) {
        let fg = idColor(id)
        for r in 0..<min(rect.height, maxPlaceholderSpan) {
            for c in 0..<min(rect.width, maxPlaceholderSpan) {
                guard let s = placeholder(row: r, column: c) else { continue }
                buffer[rect.x + c, rect.y + r] = Cell(s, fg: fg)
            }
        }
    }

    /// `escape` wrapped in tmux's DCS passthrough (`ESC Ptmux; ... ESC \`,
    /// every ESC inside doubled), which tmux forwards to the outer terminal
    /// when `allow-passthrough` is on. Each APC is wrapped on its own so tmux's
    /// passthrough buffer is not overrun by a big image.
    public static func tmuxPassthrough(_ escape: String) -> String {
        var out = ""
        out.reserveCapacity(escape.utf8.count + 64)
        for piece in splitEscapes(escape) {
            out += "\u{1B}Ptmux;"
            for ch in piece.unicodeScalars {
                if ch == "\u{1B}" { out += "\u{1B}\u{1B}" } else { out.unicodeScalars.append(ch) }
            }
            out += "\u{1B}\\"
        }
        return out
    }

    /// `text` cut after each string terminator (`ESC \`) or BEL.
    static func splitEscapes(_ text: String) -> [Substring] {
        var pieces: [Substring] = []
        let u = text.unicodeScalars
        var start = u.startIndex
        var i = u.startIndex
        var prevEsc = false
        while i < u.endIndex {
            let c = u[i]
            let next = u.index(after: i)
            if (prevEsc && c == "\\") || c == "\u{07}" {
                pieces.append(Substring(u[start..<next])); start = next
            }
            prevEsc = c == "\u{1B}" && !prevEsc
            i = next
        }
        if start < u.endIndex { pieces.append(Substring(u[start..<u.endIndex])) }
        return pieces
    }

    /// The image's pixels as packed RGB (alpha dropped: pixel frames are opaque).
    static func rgbBytes(_ image: RGBAImage) -> [UInt8] {
        let n = image.width * image.height
        return [UInt8](unsafeUninitializedCapacity: n * 3) { buf, count in
            image.pixels.withUnsafeBufferPointer { px in
                guard let d = buf.baseAddress, let s = px.baseAddress else { return }
                for i in 0..<n {
                    d[i * 3] = s[i * 4]; d[i * 3 + 1] = s[i * 4 + 1]; d[i * 3 + 2] = s[i * 4 + 2]
                }
            }
            count = n * 3
        }
    }
}
