// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets for shipnotes' parsers and readers. A package of its own because each target calls
// libFuzzer's driver, which links only with `-sanitize=fuzzer`: in the main package a plain
// `swift build` would try to link them without it. `make fuzz` (Fuzz/run.sh) builds them with
// `-sanitize=fuzzer,address -enable-testing` and runs each for a time budget.
let package = Package(
    name: "shipnotes-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "shipnotes", path: ".."),
        .package(url: "https://github.com/apple/swift-nio", from: "2.0.0"),
    ],
    targets: [
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"]),
        .executableTarget(
            name: "FuzzTextileRenderer",
            dependencies: ["FuzzSupport", .product(name: "Textile", package: "shipnotes")],
            linkerSettings: linkWithLLD
        ),
        .executableTarget(
            name: "FuzzMarkdownToTextile",
            dependencies: [
                "FuzzSupport",
                .product(name: "CommonMark", package: "shipnotes"),
                .product(name: "Textile", package: "shipnotes"),
                .product(name: "ShipNotes", package: "shipnotes"),
            ],
            linkerSettings: linkWithLLD
        ),
        .executableTarget(
            name: "FuzzChangelogReader",
            dependencies: ["FuzzSupport", .product(name: "ShipNotes", package: "shipnotes")],
            linkerSettings: linkWithLLD
        ),
        .executableTarget(
            name: "FuzzBuildInfo",
            dependencies: ["FuzzSupport", .product(name: "HockeyApp", package: "shipnotes")],
            linkerSettings: linkWithLLD
        ),
        .executableTarget(
            name: "FuzzMultipartReader",
            dependencies: [
                "FuzzSupport",
                .product(name: "Sandbox", package: "shipnotes"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            linkerSettings: linkWithLLD
        ),
    ],
    swiftLanguageModes: [.v6]
)

/// Linux: links with the toolchain's lld. GNU gold, the default, stops with an internal error
/// (dwarf_reader.cc) on these sanitized executables.
var linkWithLLD: [LinkerSetting] {
    [.unsafeFlags(["-use-ld=lld"], .when(platforms: [.linux]))]
}
