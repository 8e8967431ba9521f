import Inspector

/// The inspector's item source; Review has a protocol of the same name for
/// stats and export, and this module means the inspector's one.
typealias ItemSource = Inspector.ItemSource
