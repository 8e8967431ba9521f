import Imaging
import TerminalUI

/// How the image pane draws the item's image, and the picture decoded for it.
public struct ImageSettings: Sendable {
    /// The image mode (`i` cycles it).
    public var mode: ImageMode
    public var showHeatmap = true
    public var showBoxes = true
    /// ASCII shading inverted, for light backgrounds.
    public var invert = false
    /// The image takes the whole screen.
    public var zoomed = false
    /// The image as its file stores it, transparency over a checkerboard (`o`),
    /// instead of as the model sees it (Pillow's `convert("RGB")`).
    public var showStoredPixels = false
    /// What "as the model sees it" does with transparency (`--alpha`,
    /// `[images] alpha`): drop it as Pillow does, or composite over white
    /// as transformers' image processors do. Fixed for a session.
    public var alpha: AlphaRendition = .pillow
    /// nil: the selected step's map, else the focus map; otherwise an index into the item's maps.
    public var attentionChoice: Int?
    /// The decoded picture of the item shown, when it has arrived.
    public var loaded: LoadedImage?

    /// Settings that draw in `mode`.
    public init(mode: ImageMode) { self.mode = mode }

    /// What an image key does to the settings (`maps`: the item's attention maps;
    /// `asciiOnly`: only the ASCII mode can be shown); the message to show, if any.
    mutating func apply(_ action: Action, maps: Int, asciiOnly: Bool) -> Flash? {
        switch action {
        case .cycleMap:
            if maps == 0 { return "this item has no attention maps" }
            if let c = attentionChoice { attentionChoice = c + 1 < maps ? c + 1 : nil } else { attentionChoice = 0 }
            showHeatmap = true
        case .toggleHeatmap: showHeatmap.toggle()
        case .toggleBoxes: showBoxes.toggle()
        case .invertShading:
            invert.toggle()
            // Only ASCII shading changes; say so, or the key seems dead in colour.
            return mode == .ascii
                ? (invert ? "ASCII shading inverted (for light backgrounds)" : "ASCII shading normal")
                : "ASCII shading \(invert ? "inverted" : "normal") (shows in image mode ascii: i)"
        case .cycleImageMode:
            let all = asciiOnly ? [ImageMode.ascii] : ImageMode.allCases
            let i = all.firstIndex(of: mode) ?? 0
            mode = all[(i + 1) % all.count]
            return "image mode: \(mode.label)"
        case .storedPixels:
            showStoredPixels.toggle()
            return showStoredPixels
                ? "image: the file's own pixels, transparency over a checkerboard (o again: as the model sees it)"
                : "image: as the model sees it (\(alpha.trainingPath); 16-bit grey clipped; --alpha chooses)"
        default: break
        }
        return nil
    }
}
