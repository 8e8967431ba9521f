// scenelens-fuzz: the libFuzzer targets of docs/fuzzing.md in one program.
//
//   scenelens-fuzz TARGET [libFuzzer options] [corpus folders]
//
// The target is the first argument (or SCENELENS_FUZZ_TARGET, which is what
// libFuzzer's -fork/-jobs children see); the rest goes to libFuzzer.
// Built only by scripts/fuzz.sh (SCENELENS_FUZZ=1, see Package.swift).
import CFuzzDriver
#if canImport(Glibc)
import Glibc
#endif

/// Every target: its name and what it does with one input.
nonisolated(unsafe) let targets: [(name: String, run: ([UInt8]) -> Void)] = [
    ("png", { ImageTargets.run($0, .png) }),
    ("pnm", { ImageTargets.run($0, .pnm) }),
    ("jpeg", { ImageTargets.run($0, .jpeg) }),
    ("webp", { ImageTargets.run($0, .webp) }),
    ("gif", { ImageTargets.run($0, .gif) }),
    ("tiff", { ImageTargets.run($0, .tiff) }),
    ("bmp", { ImageTargets.run($0, .bmp) }),
    ("npy", DataTargets.npy),
    ("json", DataTargets.json),
    ("item", DataTargets.item),
    ("scene-graph", DataTargets.sceneGraph),
    ("parquet", ParquetTarget.run),
    ("text", TextTarget.run),
]

nonisolated(unsafe) var selected: (([UInt8]) -> Void)?

func usage() -> Never {
    let names = targets.map(\.name).joined(separator: " ")
    printError("usage: scenelens-fuzz TARGET [libFuzzer options] [corpus...]\ntargets: \(names)")
    exit(2)
}

var args = CommandLine.arguments
var name = getenv("SCENELENS_FUZZ_TARGET").map { String(cString: $0) }
if args.count > 1, targets.contains(where: { $0.name == args[1] }) {
    name = args.remove(at: 1)
}
if args.count > 1, args[1] == "--list" {
    print(targets.map(\.name).joined(separator: "\n"))
    exit(0)
}
guard let name, let target = targets.first(where: { $0.name == name }) else { usage() }
// Children started by -fork/-jobs get the libFuzzer arguments only.
setenv("SCENELENS_FUZZ_TARGET", name, 1)
selected = target.run

var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
var argc = Int32(args.count)
let status = argv.withUnsafeMutableBufferPointer { buffer -> Int32 in
    var base = buffer.baseAddress
    return LLVMFuzzerRunDriver(&argc, &base) { data, size in
        let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
        selected?(bytes)
        return 0
    }
}
exit(status)
