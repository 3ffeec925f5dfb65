// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "tdb",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tdb", targets: ["tdb"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.34.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
    ],
    targets: [
        // Small utilities with no knowledge of the field: JSON reading and writing, parallel maps, a thread pool,
        // a read-write lock.
        .target(name: "Outils"),
        // The field's types and rules: dossiers, effectifs, timelines, organisations, accounts, permissions.
        .target(
            name: "Domain",
            dependencies: ["Outils"],
            resources: [.copy("Resources")]
        ),
        // The in-memory columnar index of every effectif, and the indicators computed from it.
        .target(name: "IndexEffectifs", dependencies: ["Domain", "Outils"]),
        .target(
            name: "SQLiteStore",
            dependencies: [
                "Domain", "Outils",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "PostgresStore",
            dependencies: [
                "Domain", "Outils",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Web",
            dependencies: [
                "Domain", "IndexEffectifs", "Outils",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Ink", package: "Ink"),
            ],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "App",
            dependencies: [
                "Domain", "IndexEffectifs", "Outils", "SQLiteStore", "PostgresStore", "Web",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "tdb",
            dependencies: ["App", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(name: "TestSupport", dependencies: ["Domain", "Outils", "SQLiteStore", "PostgresStore"]),
        .testTarget(name: "OutilsTests", dependencies: ["Outils"]),
        .testTarget(name: "DomainTests", dependencies: ["Domain", "Outils", "TestSupport"]),
        .testTarget(name: "IndexEffectifsTests", dependencies: ["Domain", "IndexEffectifs", "Outils", "TestSupport"]),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Domain", "IndexEffectifs", "Outils", "SQLiteStore", "PostgresStore", "TestSupport"]
        ),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "App", "Domain", "IndexEffectifs", "Outils", "Web", "SQLiteStore", "TestSupport", "tdb",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
