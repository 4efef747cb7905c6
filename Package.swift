// swift-tools-version: 6.0
// The register: an append-only, hash-chained history of municipal decisions.
// No package dependencies by design: only the toolchain, Foundation and Glibc (and one C target of our own).
//
// The targets show the architecture (see docs/design/code-layout.md):
//   EventStore   files, ordering, hashing, durability, concurrency; no domain words
//   SHAExtensions  SHA-256's compression on the x86 SHA instructions (C), which EventStore uses when present
//   Signing      OpenSSH signatures of event files (runs ssh-keygen)
//   Replication  the store shared through git (runs git), through the store's locked API
//   Projections  the domain: pure values and folds, no I/O
//   Drafting     reading decision documents: Dutch amounts and dates, draft events with quotes; pure, no I/O
//   RegisterCLI  the command line's commands, answers and renderers, as a library
//   register     main.swift only
//   TestSupport  what every test target shares: temporary folders, seeded randomness, processes
import PackageDescription

let package = Package(
    name: "register",
    products: [
        .library(name: "EventStore", targets: ["EventStore"]),
        .library(name: "Projections", targets: ["Projections"]),
        .executable(name: "register", targets: ["register"]),
    ],
    targets: [
        .target(name: "SHAExtensions"),
        .target(name: "EventStore", dependencies: ["SHAExtensions"]),
        .target(name: "Signing", dependencies: ["EventStore"]),
        .target(name: "Replication", dependencies: ["EventStore"]),
        .target(name: "Projections", dependencies: ["EventStore"]),
        .target(name: "Drafting", dependencies: ["EventStore", "Projections"]),
        .target(name: "RegisterCLI", dependencies: ["EventStore", "Projections", "Drafting", "Replication", "Signing"]),
        .executableTarget(name: "register", dependencies: ["RegisterCLI"]),
        .target(name: "TestSupport", dependencies: ["EventStore"], path: "Tests/TestSupport"),
        .testTarget(name: "EventStoreTests", dependencies: ["EventStore", "TestSupport"]),
        .testTarget(name: "ProjectionsTests", dependencies: ["Projections", "EventStore", "TestSupport"]),
        .testTarget(name: "DraftingTests", dependencies: ["Drafting", "EventStore", "Projections", "TestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "registerTests", dependencies: ["RegisterCLI", "register", "EventStore", "Projections", "Drafting", "Replication", "Signing", "TestSupport"],
                    exclude: ["BadInputs", "Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
