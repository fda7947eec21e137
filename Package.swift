// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "shipnotes",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "shipnotes", targets: ["shipnotes"]),
        .library(name: "CommonMark", targets: ["CommonMark"]),
        .library(name: "Textile", targets: ["Textile"]),
        .library(name: "HockeyApp", targets: ["HockeyApp"]),
        .library(name: "Sandbox", targets: ["Sandbox"]),
        .library(name: "ShipNotes", targets: ["ShipNotes"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        // NIOCore and NIOPosix for the sandbox's blocking-work thread pool and byte buffers
        // (Hummingbird depends on them already; named here because Sandbox imports them).
        .package(url: "https://github.com/apple/swift-nio", from: "2.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .target(name: "CommonMark", dependencies: ["CCmark"]),
        .target(name: "Textile", dependencies: ["CommonMark"]),
        // Linux: libcurl loaded on first use (libcurl_loader.c), a larger upload buffer than URLSession
        // sets (upload_buffer.c), and no spinning while an answer is awaited (socket_interest.c).
        .target(name: "CCurlUploadBuffer", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        .target(
            name: "HockeyApp",
            dependencies: ["CCurlUploadBuffer", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(
            name: "Sandbox",
            dependencies: [
                "HockeyApp", "CommonMark", "Textile",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "ShipNotes",
            dependencies: [
                "CommonMark", "Textile", "HockeyApp",
                .product(name: "Subprocess", package: "swift-subprocess"),
                // FilePath for Subprocess on Linux; Apple platforms have the System framework.
                .product(name: "SystemPackage", package: "swift-system", condition: .when(platforms: [.linux])),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
            ],
            // The notes templates (the top-level templates/ folder links here); the build copies
            // them beside the executable as shipnotes_ShipNotes.resources.
            resources: [.copy("Resources/templates")]
        ),
        .target(
            name: "ShipNotesCLI",
            dependencies: [
                "CommonMark", "Textile", "HockeyApp", "Sandbox", "ShipNotes",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // The preview page's --serve mode.
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .executableTarget(name: "shipnotes", dependencies: ["ShipNotesCLI"], linkerSettings: exportCurlSetopt),
        // Times ChangelogReader in process for Benchmarks/jobs/changelog.sh (run.sh builds it in release mode).
        .executableTarget(name: "changelog-bench", dependencies: ["ShipNotes"], path: "Benchmarks/ChangelogBench"),

        // Readers for the conformance suites in CONFORMANCE_DIR, temporary git repositories and a raw
        // loopback connection, shared by the test targets.
        .target(name: "ConformanceSupport", path: "Tests/ConformanceSupport"),
        .testTarget(name: "CommonMarkTests", dependencies: ["CommonMark", "CCmark", "ConformanceSupport"]),
        .testTarget(
            name: "TextileTests",
            dependencies: ["Textile", "CommonMark", "ConformanceSupport", .product(name: "Yams", package: "Yams")],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "HockeyAppTests",
            dependencies: ["HockeyApp", "Sandbox", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            linkerSettings: exportCurlSetopt
        ),
        .testTarget(name: "SandboxTests", dependencies: ["Sandbox", "HockeyApp", "ConformanceSupport"]),
        .testTarget(
            name: "ShipNotesTests",
            dependencies: ["ShipNotes", "CommonMark", "ConformanceSupport"]
        ),
        .testTarget(
            name: "ShipNotesCLITests",
            dependencies: ["ShipNotesCLI", "shipnotes", "Sandbox", "HockeyApp", "ShipNotes", "ConformanceSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Every module that sees FoundationNetworking through HockeyApp's interface carries its link request.
for target in package.targets where ["HockeyApp", "Sandbox", "ShipNotes", "ShipNotesCLI", "shipnotes", "changelog-bench"].contains(target.name) {
    target.swiftSettings = (target.swiftSettings ?? []) + loadLibcurlOnFirstUse
}

/// Linux: `import FoundationNetworking` asks the linker for libcurl, which a static build would then
/// load with its ~30 libraries at every start, 8 ms of a 12 ms `shipnotes --version`. Without the
/// request, libcurl_loader.c's definitions of the libcurl functions URLSession calls are what the
/// executable binds to, and they load libcurl on first use.
/// Where FoundationNetworking is a shared library it names libcurl itself, so nothing changes there.
var loadLibcurlOnFirstUse: [SwiftSetting] {
    [.unsafeFlags(["-Xfrontend", "-disable-autolink-library", "-Xfrontend", "curl"], .when(platforms: [.linux]))]
}

/// Linux: lets URLSession's libcurl calls reach `CCurlUploadBuffer`'s `curl_easy_setopt` (the upload
/// buffer) and `curl_multi_setopt`/`curl_multi_cleanup` (the socket interest that keeps a wait for
/// the answer from spinning) when FoundationNetworking is a shared library (debug builds, tests): an
/// exported definition in the executable comes first in the dynamic linker's lookup. A static
/// release build binds them at link time and needs nothing; on other platforms URLSession does not
/// use libcurl.
var exportCurlSetopt: [LinkerSetting] {
    let symbols = ["curl_easy_setopt", "curl_multi_setopt", "curl_multi_cleanup"]
    return [.unsafeFlags(symbols.flatMap { ["-Xlinker", "--export-dynamic-symbol=\($0)"] }, .when(platforms: [.linux]))]
}
