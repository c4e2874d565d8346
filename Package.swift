// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "iipeval",
    products: [
        .executable(name: "iipeval", targets: ["iipeval"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Pure domain: dossiers, compliance, rubric, scoring, ranking. No terminal, no SQLite.
        .target(
            name: "IIPCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.embedInCode("Resources/rubric.yaml"), .embedInCode("Resources/form-labels.yaml")]
        ),
        // The workspace on SQLite.
        .target(
            name: "IIPStore",
            dependencies: [
                "IIPCore", "SystemZlib", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // zlib, through a module map and shim (zlib1g-dev): imported score files are kept compressed.
        .systemLibrary(name: "SystemZlib", path: "Sources/SystemZlib"),
        // libxlsxwriter, through a module map and shim (libxlsxwriter-dev).
        .systemLibrary(name: "CXlsxwriter", path: "Sources/CXlsxwriter"),
        // The applicants' Word 申报书 read into dossiers, and the form written as Word.
        .target(name: "IIPIntake", dependencies: ["IIPCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // Documents: CSV, HTML, Markdown, JSON and XLSX, from a workspace.
        .target(name: "IIPExport", dependencies: ["IIPCore", "IIPStore", "TextWidth", "CXlsxwriter"]),
        // The C library's character widths (wcwidth, as ncurses uses them), without curses.
        .systemLibrary(name: "CWidth", path: "Sources/CWidth"),
        // Text laid out in terminal columns: the screen and the documents measure alike.
        .target(name: "TextWidth", dependencies: ["CWidth"]),
        // ncursesw, through a module map and shim (libncursesw5-dev).
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // The only code that touches the terminal, plus the width-aware screen buffer.
        .target(name: "Terminal", dependencies: ["CNcursesw", "TextWidth"]),
        // The TUI: state, update, view; renders into Buffers.
        .target(name: "Workbench", dependencies: ["Terminal", "IIPCore", "IIPStore", "IIPExport"]),
        .executableTarget(
            name: "iipeval",
            dependencies: [
                "IIPCore", "IIPStore", "IIPExport", "IIPIntake", "Workbench", "Terminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // `make bench`: a national-scale round timed on the release binary.
        .executableTarget(name: "Benchmarks", dependencies: ["IIPCore", "IIPIntake", "Terminal", "TextWidth", "TestSupport"]),
        // Fixtures shared by the test targets and the benchmark.
        .target(name: "TestSupport", dependencies: ["IIPCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")], path: "Tests/TestSupport"),
        .testTarget(name: "IIPCoreTests", dependencies: ["IIPCore", "TestSupport", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "TextWidth"]),
        .testTarget(name: "IIPExportTests", dependencies: ["IIPExport", "IIPCore", "IIPStore", "TestSupport"]),
        .testTarget(name: "WorkbenchTests", dependencies: ["Workbench", "Terminal", "IIPCore", "IIPStore", "TestSupport"]),
        .testTarget(name: "IIPIntakeTests", dependencies: ["IIPIntake", "IIPCore", "TestSupport",
                                                           .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "IIPStoreTests", dependencies: ["IIPStore", "IIPCore", "TestSupport", .product(name: "Crypto", package: "swift-crypto"),
                                                          .product(name: "GRDB", package: "GRDB.swift")]),
        // Runs the built binary, so it depends on the executable to have it built first.
        .testTarget(name: "iipevalTests", dependencies: ["iipeval", "IIPCore", "TextWidth", "TestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
