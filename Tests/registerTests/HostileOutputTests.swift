import TestSupport
import EventStore
import Foundation
import Testing

/// A file a command writes on request (`export --output`, `report --html`, a site's pages) is
/// made under a new temporary name and renamed into place: a symbolic link or a named pipe
/// planted at the destination is replaced, never written through or waited on, and a failed
/// write leaves nothing behind.
@Suite struct HostileOutputTests {
    let temp: TemporaryFolder
    let events: String
    let out: String

    init() throws {
        temp = try TemporaryFolder("hostile-output")
        events = try temp.copyOfShippedEvents()
        out = try temp.folder("out")
    }

    func plantedVictim(_ name: String) throws -> String {
        let victim = out + "/" + name
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: victim))
        return victim
    }

    @Test(arguments: [["export", "--format", "ledger"], ["export", "--format", "csv"], ["report", "--html"]])
    func aLinkAtTheDestinationIsReplacedNotFollowed(_ command: [String]) throws {
        let destination = out + "/result"
        let victim = try plantedVictim("victim")
        try FileManager.default.createSymbolicLink(atPath: destination, withDestinationPath: victim)
        // The names earlier versions wrote to before the rename (`FILE.partial`, `FILE.tmp-<pid>`).
        let others = try ["partial", "tmp-\(getpid())"].map { suffix in
            let other = try plantedVictim("victim-" + suffix)
            try FileManager.default.createSymbolicLink(atPath: destination + "." + suffix, withDestinationPath: other)
            return other
        }
        let arguments = command.last == "--html" ? command + [destination] : command + ["--output", destination]
        let r = CLI.run(arguments + ["--events", events])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n", "written through the link at the destination")
        for other in others { #expect(try String(contentsOfFile: other, encoding: .utf8) == "precious\n", "written through \(other)'s link") }
        #expect(try FileManager.default.attributesOfItem(atPath: destination)[.type] as? FileAttributeType == .typeRegular)
        #expect(try Data(contentsOf: URL(fileURLWithPath: destination)).count > 100)
        let planted: Set = ["result.partial", "result.tmp-\(getpid())", "victim-partial", "victim-tmp-\(getpid())"]
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).filter { !planted.contains($0) }.sorted() == ["result", "victim"],
                "no temporary file is left")
    }

    @Test func aPipeAtTheDestinationIsReplacedNotWaitedOn() throws {
        let destination = out + "/journal"
        #expect(mkfifo(destination, 0o644) == 0)
        let r = CLI.run(["export", "--format", "ledger", "--output", destination, "--events", events])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: destination, encoding: .utf8).hasPrefix("; register export --format ledger"))
    }

    @Test func anExportThatCannotBeWrittenNamesTheFileAndLeavesNothing() throws {
        let r = CLI.run(["export", "--format", "ledger", "--output", out + "/missing-folder/journal", "--events", events])
        #expect(r.status != 0)
        #expect(r.stderr.contains(out + "/missing-folder/journal"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
    }
}
