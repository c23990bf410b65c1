// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "watchpost",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "watchpost", targets: ["watchpost"]),
        .library(name: "Kafka", targets: ["Kafka"]),
        .library(name: "Postgres", targets: ["Postgres"]),
        .library(name: "WatchpostCore", targets: ["WatchpostCore"]),
    ],
    // Exact versions (decision D40): two builds of one commit resolve the same direct
    // dependencies without a Package.resolved, which is not kept (its revision ids would be this
    // machine's package copies', not GitHub's). The transitive ones resolve within these
    // packages' own ranges; the image records every resolved version in
    // /usr/local/share/watchpost/packages.txt. To upgrade one, change its version here.
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        // Hummingbird's own dependencies, imported directly by the API (HTTP types, NIO buffers).
        .package(url: "https://github.com/apple/swift-http-types", exact: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras", exact: "1.35.2"),
    ],
    targets: [
        // C libraries: module maps and shims only.
        .systemLibrary(
            name: "CRdKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),

        // Thin, safe wrappers with no domain words.
        .target(
            name: "Kafka",
            dependencies: [
                "CRdKafka",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Postgres",
            dependencies: [
                "CLibPQ",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // The domain, pure: imports no I/O module.
        .target(
            name: "WatchpostCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),

        // SQL: migrations, applying decisions, queries.
        .target(
            name: "WatchpostStore",
            dependencies: [
                "WatchpostCore",
                "Postgres",
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Migrations")],
            swiftSettings: strict
        ),

        // Channels and templates.
        .target(
            name: "WatchpostNotify",
            dependencies: [
                "CCurl",
                "WatchpostCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),

        // Everything a person reads: the vocabulary, alert texts, web pages, and the report document.
        .target(
            name: "WatchpostPresentation",
            dependencies: [
                "WatchpostCore",
                "WatchpostStore",
                "WatchpostNotify",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Templates")],
            swiftSettings: strict
        ),

        // Worker loop, deadline enforcer, delivery dispatcher.
        .target(
            name: "WatchpostPipeline",
            dependencies: [
                "WatchpostCore",
                "WatchpostStore",
                "WatchpostNotify",
                "WatchpostPresentation",
                "Kafka",
                "Postgres",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),

        // The worker's operations endpoint (/metrics, /healthz, /readyz): the one HTTP server
        // of a worker, kept out of the worker library.
        .target(
            name: "WatchpostOperations",
            dependencies: [
                "WatchpostPipeline",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),

        // HTTP API and web pages for officers and monitoring staff.
        .target(
            name: "WatchpostAPI",
            dependencies: [
                "WatchpostCore",
                "WatchpostStore",
                "WatchpostNotify",
                "WatchpostPresentation",
                "Kafka",
                "Postgres",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),

        .executableTarget(
            name: "watchpost",
            dependencies: [
                "Kafka",
                "Postgres",
                "WatchpostCore",
                "WatchpostStore",
                "WatchpostPipeline",
                "WatchpostOperations",
                "WatchpostNotify",
                "WatchpostPresentation",
                "WatchpostAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),

        // Tests. Integration targets talk to real servers only.
        // Real loopback servers (HTTP receiver, SMTP sink) shared by the test targets.
        .target(
            name: "WatchpostTestSupport",
            path: "Tests/WatchpostTestSupport",
            swiftSettings: strict
        ),
        // Fuzzing: a seeded engine, its mutators and targets (shared by the tests and the
        // long-mode runner `watchpost-fuzz`); the corpus lives in Tests/Fuzz/corpus.
        .target(
            name: "WatchpostFuzz",
            dependencies: [
                "WatchpostCore",
                "WatchpostAPI",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/WatchpostFuzz",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "watchpost-fuzz",
            dependencies: ["WatchpostFuzz"],
            path: "Tests/watchpost-fuzz",
            swiftSettings: strict
        ),
        .testTarget(
            name: "WatchpostFuzzTests",
            dependencies: ["WatchpostFuzz", "WatchpostCore"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KafkaTests",
            dependencies: ["Kafka", "WatchpostTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PostgresTests",
            dependencies: ["Postgres"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "WatchpostCoreTests",
            dependencies: [
                "WatchpostCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "WatchpostPresentationTests",
            dependencies: [
                "WatchpostPresentation", "WatchpostNotify", "WatchpostStore", "WatchpostCore", "WatchpostTestSupport",
            ],
            exclude: ["Snapshots"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "WatchpostStoreTests",
            dependencies: ["WatchpostStore", "WatchpostCore"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "WatchpostPipelineTests",
            dependencies: [
                "WatchpostPipeline", "WatchpostStore", "Kafka",
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "WatchpostAPITests",
            dependencies: [
                "WatchpostAPI", "WatchpostCore",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "WatchpostNotifyTests",
            dependencies: ["WatchpostNotify", "WatchpostCore", "WatchpostTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "WatchpostIntegrationTests",
            dependencies: [
                "Kafka",
                "Postgres",
                "WatchpostCore",
                "WatchpostStore",
                "WatchpostPipeline",
                "WatchpostOperations",
                "WatchpostNotify",
                "WatchpostPresentation",
                "WatchpostAPI",
                "WatchpostTestSupport",
                "WatchpostFuzz",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Web/Snapshots"],
            swiftSettings: strict
        ),
    ]
)
