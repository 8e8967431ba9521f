import ArgumentParser
import SceneData

/// `--layout NAME` on every command that opens a dataset.
extension InputLayout: ExpressibleByArgument {}
