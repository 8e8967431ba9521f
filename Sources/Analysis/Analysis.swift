import SceneData
// Graph difference and overlap J, critical elements, rationale diffs, lints.
