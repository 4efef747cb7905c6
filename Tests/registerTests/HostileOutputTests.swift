import TestSupport
import EventStore
import Foundation
import Testing

/// A file a command writes on request (`export --output`, `report --html`, a site's pages) is
/// made under a temporary name and renamed into place: a symbolic link or a named pipe planted
/// at the destination or at the temporary name is never written through or waited on, and a
/// failed write leaves the destination as it was.
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
    func linksAtTheDestinationAndTheTemporaryNameAreReplacedNotFollowed(_ command: [String]) throws {
        let destination = out + "/result"
        let victim = try plantedVictim("victim-of-destination")
        let other = try plantedVictim("victim-of-temporary")
        try FileManager.default.createSymbolicLink(atPath: destination, withDestinationPath: victim)
        // The name an in-process run gives its temporary file.
        try FileManager.default.createSymbolicLink(atPath: destination + ".tmp-\(getpid())", withDestinationPath: other)
        let arguments = command.last == "--html" ? command + [destination] : command + ["--output", destination]
        let r = CLI.run(arguments + ["--events", events])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n", "written through the link at the destination")
        #expect(try String(contentsOfFile: other, encoding: .utf8) == "precious\n", "written through the link at the temporary name")
        #expect(try FileManager.default.attributesOfItem(atPath: destination)[.type] as? FileAttributeType == .typeRegular)
        #expect(try Data(contentsOf: URL(fileURLWithPath: destination)).count > 100)
        #expect(!FileManager.default.fileExists(atPath: destination + ".tmp-\(getpid())"))
    }

    @Test func aPipeAtTheTemporaryNameIsNotWaitedOn() throws {
        let destination = out + "/journal"
        #expect(mkfifo(destination + ".tmp-\(getpid())", 0o644) == 0)
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
