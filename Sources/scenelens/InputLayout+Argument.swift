import ArgumentParser
import SceneData

/// `--layout NAME` on every command that opens a dataset.
extension InputLayout: ExpressibleByArgument {}

/// `--map field=column,...` (or a mapping file) on every command that opens a dataset.
extension FieldMap {
    static let argumentHelp = ArgumentHelp(
        "Your columns for SceneLens's fields, when the names differ: field=column pairs separated by commas, or a file of them, one per line (docs/layouts.md). Fields: \(FieldMap.fields.joined(separator: ", ")).",
        valueName: "MAP")

    /// Parses the option's text; a bad map is a usage error that says why.
    static func argument(_ text: String) throws -> FieldMap {
        do { return try FieldMap(parsing: text) } catch { throw ValidationError(error.description) }
    }
}
