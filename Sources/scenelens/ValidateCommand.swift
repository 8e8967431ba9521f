import ArgumentParser
import Foundation
import SceneData

/// `scenelens validate DATASET [--json]`: every problem of a dataset, one line each.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        _superCommandName: SceneLens.name,
        abstract: "Check a dataset and list every problem as FILE:LINE: ITEM_ID: FIELD: message.",
        discussion: """
        Exit status: 0 when no errors were found (warnings allowed), 1 when errors \
        were found, 2 when the dataset could not be read at all.
        """)

    @Argument(help: "The dataset: JSON Lines (also .gz, .zst), a JSON array, Parquet, a folder of shards or a quoted glob (docs/layouts.md).")
    var dataset: String

    @Option(help: ArgumentHelp("The input layout, when detection from the first row guesses wrong: \(InputLayout.allCases.map(\.rawValue).joined(separator: ", ")) (docs/layouts.md).", valueName: "NAME"))
    var layout: InputLayout?

    @Option(help: FieldMap.argumentHelp, transform: FieldMap.argument)
    var map: FieldMap?


    @Flag(help: "Print the findings as JSON Lines (file, line, column, item, field, severity, message), then a summary object.")
    var json = false

    @Flag(help: "Do not open image files (skips missing-image, decoding and box-size checks that need them).")
    var noImages = false

    func run() throws {
        var out = BufferedStandardOutput(sanitizing: !json)
        let status = ValidationRun.run(path: dataset, layout: layout, map: map, json: json, checkImages: !noImages,
                                       output: { out.write($0) },
                                       errorOutput: { TerminalText.errorLine($0) })
        out.flush()
        if status != 0 { throw ExitCode(status) }
    }
}
