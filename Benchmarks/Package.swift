// swift-tools-version: 6.0
// Benchmark tools for register, kept out of the main package so CI's build stays lean.
// Run Benchmarks/run.sh (see the README's Performance section).
import PackageDescription

let package = Package(
    name: "register-benchmarks",
    dependencies: [.package(name: "register", path: "..")],
    targets: [
        .executableTarget(name: "generate-history", dependencies: [
            .product(name: "EventStore", package: "register"),
            .product(name: "Projections", package: "register"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
