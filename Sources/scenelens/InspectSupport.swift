import ArgumentParser
import Foundation
import Imaging
import Inspector
import Review
import SceneData
import TerminalUI

/// How `inspect` and `render` draw images.
enum ModeOption: String, ExpressibleByArgument, CaseIterable {
    case auto, truecolor, palette256 = "256", palette16 = "16", ascii

    /// The image style for a terminal with these capabilities.
    func style(colors: Int, truecolor: Bool, unicode: Bool) -> ImageStyle {
        switch self {
        case .truecolor: return unicode ? .truecolor : .ascii
        case .palette256: return unicode ? .palette256 : .ascii
        case .palette16: return unicode ? .palette16 : .ascii
        case .ascii: return .ascii
        case .auto:
            guard unicode else { return .ascii }
            if truecolor { return .truecolor }
            if colors >= 256 { return .palette256 }
            if colors >= 8 { return .palette16 }
            return .ascii
        }
    }
}

/// Builds the runner's services from the real layers: the dataset reader,
/// the image decoder, the review store, content hashes and lints.
enum InspectorServices {
    /// Opens the dataset at `path` as an item source.
    static func source(path: String) throws -> ItemSource {
        throw ValidationError("the dataset reader is not built yet; cannot open \(path)")
    }

    /// Opens (creating when `create`) the review store; nil when it does not exist and `create` is false.
    static func store(path: String, annotator: String, create: Bool) throws -> DecisionStore? {
        nil
    }

    /// Services over `source` and `store`.
    static func services(source: ItemSource, store: DecisionStore?) -> EffectRunner.Services {
        EffectRunner.Services(source: source, store: store, decode: { _ in
            throw ImageError(.unsupportedFormat, "the image decoder is not built yet")
        })
    }
}
