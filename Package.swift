// swift-tools-version: 6.0
// The register: an append-only, hash-chained history of municipal decisions.
// No package dependencies by design: only the toolchain, Foundation and Glibc.
import PackageDescription

let package = Package(
    name: "register",
    products: [
        .library(name: "EventStore", targets: ["EventStore"]),
        .library(name: "Projections", targets: ["Projections"]),
        .executable(name: "register", targets: ["register"]),
    ],
    targets: [
        .target(name: "EventStore"),
        .target(name: "Projections", dependencies: ["EventStore"]),
        .executableTarget(name: "register", dependencies: ["EventStore", "Projections"]),
        .testTarget(name: "EventStoreTests", dependencies: ["EventStore"]),
        .testTarget(name: "ProjectionsTests", dependencies: ["Projections", "EventStore"]),
        .testTarget(name: "registerTests", dependencies: ["register", "EventStore", "Projections"], exclude: ["BadInputs"]),
    ],
    swiftLanguageModes: [.v6]
)
