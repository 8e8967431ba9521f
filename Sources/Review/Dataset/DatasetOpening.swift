import SceneData

/// Opening the dataset for `stats` and `export` the way `validate` and `lint`
/// do: a dataset that cannot be read is exit status 2 with
/// `scenelens CMD: FILE: reason`, so scripts see one convention across commands.
public enum DatasetOpening {
    /// Exit status when the dataset cannot be read (as `validate` and `lint`).
    public static let couldNotRun = ExitStatus.couldNotRun

    /// Why a command could not start: the line for standard error and the exit status.
    public struct Failure: Error, Sendable, Hashable {
        /// `scenelens CMD: FILE: reason`.
        public var message: String
        /// Always `couldNotRun`.
        public var status: Int32
    }

    /// Opens and fully indexes `path`; an unopenable file, or one that stops
    /// being readable while indexing, is a `Failure` naming `command` and the file.
    public static func open(_ path: String, layout: InputLayout? = nil, map: FieldMap? = nil, images: Bool = true, command: String,
                            progress: ((IndexProgress) -> Void)? = nil) -> Result<Dataset, Failure> {
        let data: Dataset
        do {
            data = try Dataset.open(path: path, layout: layout, map: map, images: images)
        } catch {
            return .failure(Failure(message: "scenelens \(command): \(error)", status: couldNotRun))
        }
        data.indexAll(progress: progress)
        if let error = data.indexingError {
            return .failure(Failure(message: "scenelens \(command): \(error)", status: couldNotRun))
        }
        return .success(data)
    }
}
