import ArgumentParser
import Foundation
import Imaging
import Inspector
import Review
import SceneData
import TerminalUI
import Analysis

/// How `inspect` and `render` draw images.
enum ModeOption: String, ExpressibleByArgument, CaseIterable {
    case auto, truecolor, palette256 = "256", palette16 = "16", ascii

    /// Whether the inspector draws in ASCII only (no box lines, no half
    /// blocks): the locale is not UTF-8, or TERM names a terminal that has
    /// only ASCII (vt100, vt220, dumb) whatever the locale says.
    static func drawsASCII(unicode: Bool, term: String) -> Bool {
        let name = term.lowercased()
        return !unicode || name.hasPrefix("vt") || name == "dumb"
    }

    /// The image mode for a terminal with these capabilities: the one asked
    /// for, ASCII without UTF-8, and for `auto` what `ImageMode.auto` picks.
    func style(colors: Int, truecolor: Bool, unicode: Bool) -> ImageMode {
        switch self {
        case .truecolor: return unicode ? .truecolor : .ascii
        case .palette256: return unicode ? .palette256 : .ascii
        case .palette16: return unicode ? .palette16 : .ascii
        case .ascii: return .ascii
        case .auto: return ImageMode.auto(TerminalCapabilities(colors: colors, truecolor: truecolor, unicode: unicode))
        }
    }
}

/// Opens the dataset and the review store for `inspect` and `render`, with errors worded for the command line.
enum InspectorServices {
    /// Opens the dataset at `path` as an item source (without indexing it).
    /// An unreadable dataset is a data error, not a usage error: it is reported
    /// like `validate` does ("scenelens: FILE: no such file", exit 2), without the usage text.
    static func source(path: String, layout: InputLayout? = nil, map: FieldMap? = nil) throws -> ItemSource {
        do { return DatasetSource(try Dataset.open(path: path, layout: layout, map: map)) }
        catch {
            TerminalText.errorLine("scenelens: \(error)")
            throw ExitCode(2)
        }
    }

    /// Services over `source` and `store`.
    static func services(source: ItemSource, store: DecisionStore?) -> EffectRunner.Services {
        .standard(source: source, store: store)
    }
}
