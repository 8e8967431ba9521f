import ArgumentParser
import Foundation
import Imaging
import Inspector
import InspectorConfig
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

    /// Services over `source` and `store`, showing images in the `alpha` rendition.
    static func services(source: ItemSource, store: DecisionStore?, alpha: AlphaRendition) -> EffectRunner.Services {
        .standard(source: source, store: store, alpha: alpha)
    }
}

extension AlphaRendition: ExpressibleByArgument {}

/// `--alpha pillow|white`: what "as the model sees it" does with transparency,
/// for every command that shows or checks pixels; the config's `[images]
/// alpha` when not given, else `pillow`.
struct AlphaOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Transparency as your training path treats it: pillow (dropped, the colour stored under it shows, as Pillow's convert(\"RGB\")) or white (composited over white, as transformers' image processors do). Default: the config's [images] alpha, else pillow (docs/images.md).",
        valueName: "pillow|white"))
    var alpha: AlphaRendition?

    /// The setting: `--alpha`, else the config file's (a problem with it is
    /// printed, naming the file and line), else `pillow`.
    /// (`inspect` passes the config it read and reports its problems itself.)
    func resolved(config given: UserConfig? = nil, command: String) -> AlphaRendition {
        if let alpha { return alpha }
        if let given { return given.alpha ?? .pillow }
        let config = UserConfig.load(path: ConfigPaths.config(environment: ProcessInfo.processInfo.environment))
        for p in config.problems where p.message.hasPrefix("alpha:") || p.message.contains("[images]") {
            TerminalText.errorLine("scenelens \(command): \(p)")
        }
        return config.alpha ?? .pillow
    }
}
