import TestSupport
import EventStore
import Foundation
import Testing

/// A file a command writes on request (`export --output`, `report --html`, a site's pages) is
/// made under a new temporary name and renamed into place: a symbolic link planted at the
/// destination is replaced, never written through; a named pipe, a device or a folder there is
/// refused and left as it is (as root, `--output /dev/null` replaced the system's device); a
/// failed write leaves nothing behind.
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

    @Test(arguments: [["export", "--format", "ledger", "--output"], ["report", "--html"]])
    func aPipeADeviceOrAFolderAtTheDestinationIsRefusedAndLeftAsItIs(_ command: [String]) throws {
        let pipe = out + "/pipe", device = out + "/null", folder = try temp.folder("out/folder")
        #expect(mkfifo(pipe, 0o644) == 0)
        let haveDevice = mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 // /dev/null's numbers; needs root, else skipped
        let link = out + "/link-to-pipe"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: pipe)
        var destinations: [(path: String, kind: String)] = [(pipe, "named pipe"), (link, "named pipe"), (folder, "folder")]
        if haveDevice { destinations.append((device, "device")) }
        for (destination, kind) in destinations {
            let r = CLI.run(command + [destination, "--events", events])
            #expect(r.status == 2, "\(destination): \(r.stderr)")
            #expect(r.stderr.contains("'\(destination)' is a \(kind)"), "\(r.stderr)")
        }
        #expect(FileKind.resolving(pipe) == .fifo && FileKind.resolving(folder) == .folder)
        if haveDevice { #expect(FileKind.resolving(device) == .device) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func anExportThatCannotBeWrittenNamesTheFileAndLeavesNothing() throws {
        let r = CLI.run(["export", "--format", "ledger", "--output", out + "/missing-folder/journal", "--events", events])
        #expect(r.status != 0)
        #expect(r.stderr.contains(out + "/missing-folder/journal"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
    }
}
