// swift-tools-version: 6.0
import PackageDescription

// Layers, bottom to top (see docs/ARCHITECTURE.md): system libraries, Imaging,
// SceneData, Analysis, Review, TerminalUI, Inspector, InspectorConfig, NCursesBackend, scenelens.
// Arrows only point down: nothing below Inspector knows there is an app and
// nothing but NCursesBackend knows there is a terminal.
let package = Package(
    name: "SceneLens",
    products: [
        .executable(name: "scenelens", targets: ["scenelens"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // The user's config.toml (key bindings) and the remembered display settings.
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(name: "CNCursesW",
                       providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Whole-buffer inflate for PNG image data; zlib stays the streaming fallback.
        .systemLibrary(name: "CLibDeflate", providers: [.apt(["libdeflate-dev"])]),
        // libpq, PostgreSQL's own C client: a Debian package, synchronous like
        // the DecisionStore contract, and it reads PGPASSWORD/.pgpass itself.
        // (postgres-nio would bring swift-nio and an async API into a store
        // whose callers are synchronous, and a much longer build.)
        .systemLibrary(name: "CLibPQ", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CSnappy", providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(name: "CZstd", providers: [.apt(["libzstd-dev"])]),
        // libjpeg reports errors through longjmp, which Swift cannot catch, so a
        // small C target owns the setjmp and hands Swift a plain error code.
        .target(name: "CJPEG", linkerSettings: [.linkedLibrary("jpeg")]),
        // The commit and kind of build that scripts/build-static.sh stamps for
        // `scenelens --version` (a header it writes for the time of its build;
        // a plain `swift build` has none).
        .target(name: "CBuildInfo"),
        // WebP, GIF and TIFF through libwebp, giflib and libtiff: memory
        // readers and error handlers in C, one status code for Swift.
        .target(name: "CImageFormats", linkerSettings: [
            .linkedLibrary("webp"), .linkedLibrary("webpdemux"), .linkedLibrary("gif"), .linkedLibrary("tiff"),
        ]),

        .target(name: "Imaging", dependencies: ["CZlib", "CLibDeflate", "CJPEG", "CImageFormats"]),
        // The project's own read-only Parquet reader; knows nothing of items.
        .target(name: "Parquet", dependencies: ["CZlib", "CZstd"]),
        .target(name: "SceneData", dependencies: ["Imaging", "Parquet"]),
        // Writes synthetic CLEVR-like datasets (`scenelens sample`); kept apart
        // from SceneData so reading never depends on the generator.
        .target(name: "SampleGenerator", dependencies: ["SceneData", "Imaging"]),
        .target(name: "Analysis", dependencies: ["SceneData"]),
        .target(name: "Review", dependencies: ["SceneData", "Analysis", .product(name: "GRDB", package: "GRDB.swift")]),
        // The team store: decisions on a PostgreSQL server (see docs/review.md).
        .target(name: "ReviewPostgres", dependencies: ["Review", "SceneData", "CLibPQ"]),
        // The query language of `--where`, `stats --by` and the inspector's filter (docs/query.md).
        .target(name: "Query", dependencies: ["SceneData", "Analysis", "Review"]),
        .target(name: "TerminalUI", dependencies: ["Imaging"]),
        .target(name: "Inspector", dependencies: ["Imaging", "SceneData", "Analysis", "Review", "Query", "TerminalUI"]),
        .target(name: "NCursesBackend", dependencies: ["CNCursesW", "TerminalUI"]),
        // The user's config file and the display settings kept between
        // sessions, read into the Inspector's KeyMap and AppState; the only
        // code that knows TOML.
        .target(name: "InspectorConfig", dependencies: ["Inspector", "TerminalUI", "SceneData", "Imaging",
                                                         .product(name: "TOMLKit", package: "TOMLKit")]),
        .executableTarget(name: "scenelens", dependencies: [
            "CBuildInfo", "Imaging", "SceneData", "SampleGenerator", "Analysis", "Review", "ReviewPostgres", "Query", "TerminalUI", "Inspector", "InspectorConfig", "NCursesBackend",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // The in-process figures of Benchmarks/run.sh (keystroke to frame,
        // decision writes, index); not part of the product.
        .executableTarget(name: "scenelens-bench", dependencies: ["Inspector", "Query", "Review", "ReviewPostgres", "SceneData", "TerminalUI"],
                          path: "Benchmarks/SceneLensBench"),

        // Runs the built `scenelens` for the tests of its command line.
        .target(name: "CLITestSupport", path: "Tests/CLITestSupport"),
        // The stand-in store the Inspector tests use; it passes the store contract.
        .target(name: "StoreTestSupport", dependencies: ["Review"], path: "Tests/StoreTestSupport"),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ParquetTests", dependencies: ["Parquet", "CSnappy"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SceneDataTests", dependencies: ["SceneData", "Imaging", "CLITestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SampleGeneratorTests", dependencies: ["SampleGenerator", "SceneData", "Imaging"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "SceneData"]),
        .testTarget(name: "ReviewTests", dependencies: ["Review", "SceneData", "Analysis", "Imaging", "CLITestSupport"],
                    exclude: ["Calibration"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "Imaging", "CZlib", "CLITestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NCursesBackendTests", dependencies: ["NCursesBackend", "CNCursesW", "TerminalUI"]),
        .testTarget(name: "InspectorTests", dependencies: ["Inspector", "InspectorConfig", "TerminalUI", "SceneData", "Review", "Query", "Analysis", "Imaging", "StoreTestSupport", "CLITestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "QueryTests", dependencies: ["Query", "Review", "Analysis", "SceneData", "Imaging", "CLITestSupport"]),
        // One suite of what every decision store promises, run against each store.
        .testTarget(name: "StoreContractTests", dependencies: ["Review", "ReviewPostgres", "SceneData", "StoreTestSupport", "CLITestSupport",
                                                            "Inspector", "TerminalUI"]),
    ]
)

// The libFuzzer harnesses (Tests/Fuzz, docs/fuzzing.md) exist only when
// SCENELENS_FUZZ=1, which scripts/fuzz.sh sets for its own build folder
// (.build-fuzz, with AddressSanitizer and coverage flags): a plain
// `swift build` / `swift test` never compiles or links them.
if Context.environment["SCENELENS_FUZZ"] == "1" {
    package.targets += [
        // Declares libFuzzer's LLVMFuzzerRunDriver (from libclang_rt.fuzzer_no_main).
        .target(name: "CFuzzDriver", path: "Tests/Fuzz/CFuzzDriver"),
        .executableTarget(name: "scenelens-fuzz",
                          dependencies: ["CFuzzDriver", "Imaging", "SceneData", "Analysis", "Parquet", "TerminalUI"],
                          path: "Tests/Fuzz/Harness"),
    ]
}
