import TestSupport
import Foundation
import Testing
@testable import RegisterCLI

/// Where the running binary is: `/proc/self/exe`, else `argv[0]` looked up as the shell did.
@Suite struct ExecutablePathTests {
    @Test func theRunningProcessIsFoundThroughProc() {
        let found = ExecutablePath.current(arguments: ["register"], environment: ["PATH": "/nonexistent"], currentDirectory: "/")
        #expect(found.hasPrefix("/") && FileManager.default.isExecutableFile(atPath: found))
        #expect(found != "/register", "not argv[0] read relative to the working directory")
    }

    @Test func aBareNameIsLookedUpOnThePATHAndItsSymlinksResolved() throws {
        let temp = try TemporaryFolder("executable-path")
        let bin = try temp.folder("bin")
        try FileManager.default.createSymbolicLink(atPath: bin + "/register", withDestinationPath: CLIRunner.binary)
        let real = URL(fileURLWithPath: CLIRunner.binary).resolvingSymlinksInPath().path
        #expect(ExecutablePath.resolve(argument0: "register", path: "/nonexistent:" + bin, currentDirectory: "/") == real)
        #expect(ExecutablePath.resolve(argument0: "bin/register", path: "", currentDirectory: temp.root) == real)
        #expect(ExecutablePath.resolve(argument0: "register", path: "/nonexistent", currentDirectory: "/") == "register",
                "not found: as given (install-hook then refuses rather than write a hook that cannot run)")
    }
}
