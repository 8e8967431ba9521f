extension Diagnostic {
    /// The finding as one JSON object (file, line, column, item, field,
    /// severity, message); unknown parts are null.
    public var jsonObject: JSONValue {
        .object([
            ("file", .string(file)),
            ("line", line.map { .number(Double($0)) } ?? .null),
            ("column", column.map { .number(Double($0)) } ?? .null),
            ("item", itemID.map { .string($0) } ?? .null),
            ("field", field.map { .string($0) } ?? .null),
            ("severity", .string(severity.rawValue)),
            ("message", .string(message)),
        ])
    }
}

extension ValidationReport {
    /// The summary as one JSON object:
    /// `{"summary": {"file", "items", "unreadable_items", "unreadable_lines", "errors", "warnings"}}`.
    public var summaryJSON: JSONValue {
        .object([("summary", .object([
            ("file", .string(file)),
            ("items", .number(Double(items))),
            ("unreadable_items", .number(Double(unreadableLines.count))),
            ("unreadable_lines", .array(unreadableLines.map { .number(Double($0)) })),
            ("errors", .number(Double(errors))),
            ("warnings", .number(Double(warnings))),
        ]))])
    }
}

/// `scenelens validate` as a function, so tests and other front ends run
/// exactly what the command runs.
public enum ValidationRun {
    /// Exit status: no errors found.
    public static let ok = ExitStatus.ok
    /// Exit status: errors found.
    public static let errorsFound = ExitStatus.findings
    /// Exit status: the dataset could not be read at all.
    public static let couldNotRun = ExitStatus.couldNotRun

    /// Validates the dataset at `path`, writing one line per finding (and the
    /// summary) to `output`, and a reason to `errorOutput` when it cannot run;
    /// returns the exit status.
    public static func run(path: String, layout: InputLayout? = nil, map: FieldMap? = nil, json: Bool, checkImages: Bool = true,
                           output: (String) -> Void, errorOutput: (String) -> Void) -> Int32 {
        let dataset: Dataset
        do {
            dataset = try Dataset.open(path: path, layout: layout, map: map)
        } catch {
            errorOutput("scenelens validate: \(error)")
            return couldNotRun
        }
        let report = Validator(checkImages: checkImages).validate(dataset, found: { d in
            output(json ? d.jsonObject.jsonText : d.formatted)
        })
        if report.items == 0, let failure = dataset.indexingError {
            errorOutput("scenelens validate: \(failure)")
            return couldNotRun
        }
        output(json ? report.summaryJSON.jsonText : report.summary)
        return report.errors > 0 ? errorsFound : ok
    }
}
