import EventStore
import Foundation
import TestSupport
import Testing
@testable import RegisterCLI

/// `register site DIR`: the public website of the register, read back from the files it wrote.
@Suite struct SiteCommandTests {
    /// Every file of a site, by its path inside the folder.
    static func files(_ folder: String) throws -> [String: String] {
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            files[path] = String(decoding: try readBytes(folder + "/" + path), as: UTF8.self)
        }
        return files
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// Every link on every page resolves to a file of the site and, with a fragment, to an id on
    /// that page; nothing names an address outside the site. Returns the problems found.
    static func linkProblems(_ files: [String: String]) -> [String] {
        var problems: [String] = []
        let ids = files.mapValues { Set(matches("\\sid=\"([^\"]+)\"", in: $0)) }
        for (path, html) in files where path.hasSuffix(".html") {
            let page = html.replacingOccurrences(of: "<link rel=\"icon\" href=\"data:,\">", with: "")
            // Attributes of real tags (stored texts are escaped, so `&lt;img src=` is text) and the style sheet.
            let fetching = matches("(<[a-zA-Z][^>]*\\s(?:src|srcset|poster|action|data)=|<link|<iframe|<object|<embed)", in: page)
            let style = matches("<style>([\\s\\S]*?)</style>", in: page).joined()
            for found in fetching + (style.contains("@import") || style.contains("url(") ? ["@import/url( in the style"] : []) {
                problems.append("\(path): would fetch: \(found)")
            }
            for href in matches("href=\"([^\"]*)\"", in: page) where href.hasPrefix("//") || href.contains(":") {
                problems.append("\(path): links outside the site: \(href)")
            }
            for href in matches("href=\"([^\"]*)\"", in: page) where !href.hasPrefix("//") && !href.contains(":") {
                let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let base = URL(fileURLWithPath: "/site/" + path).deletingLastPathComponent()
                let target = parts[0].isEmpty ? path : String(base.appendingPathComponent(parts[0]).standardized.path.dropFirst("/site/".count))
                guard files[target] != nil else { problems.append("\(path): \(href) leads nowhere"); continue }
                if parts.count == 2, !(ids[target]?.contains(parts[1]) ?? false) {
                    problems.append("\(path): \(href) names no id on \(target)")
                }
            }
        }
        return problems
    }

    @Test func shippedHistoryGivesABrowsableDutchSite() throws {
        let temp = try TemporaryFolder("site")
        let events = try temp.copyOfShippedEvents()
        let out = temp.path("public")
        let r = CLI.run(["site", out, "--events", events, "--on", "2026-12-01"])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try Self.files(out)
        for page in ["index.html", "audit.html", "sources.html", "budgets.html", "woo-metadata.json", "reserve/404.html",
                     "contract/dordrecht-sociaal.html", "programme/bestaanszekerheid.html", "budget/2026.html",
                     "decision/2022-0177088.html", "decision/2019_5fGDD_5fB_26W_5f00314.html"] {
            #expect(files[page] != nil, "\(page) missing; have \(files.keys.sorted())")
        }
        #expect(Self.linkProblems(files) == [])
        let index = try #require(files["index.html"])
        #expect(index.contains("<html lang=\"nl\">"))
        #expect(index.contains("Aantal gebeurtenissen</dt><dd>29</dd>"))
        let stored = try EventStore(directory: events).head()
        let head = try #require(stored)
        #expect(index.contains(head.hash.hex))
        #expect(index.contains("Gemaakt op"))
        // Every page but the index links back to it, and has one h1.
        for (path, html) in files where path.hasSuffix(".html") {
            #expect(html.components(separatedBy: "<h1>").count == 2, "\(path)")
            if path != "index.html" { #expect(html.contains("index.html\">Terug naar het overzicht</a>"), "\(path)") }
            #expect(!html.contains("<th>"), "\(path): a header cell without a scope")
        }
        // The decision lists what it authorised, each linked to its row on the reserve's timeline.
        let decision = try #require(files["decision/2022-0177088.html"])
        #expect(decision.contains("Wat dit besluit heeft toegestaan"))
        #expect(decision.contains("href=\"../reserve/timeline/404-1.html#e-res-404-end-date-2026\""))
        #expect(decision.contains("<dt>Datum</dt><dd><span class=\"none\">onbekend</span></dd>"))
        // Each mutation on the reserve's timeline links to its decision and its source.
        let reserve = try #require(files["reserve/404.html"])
        #expect(reserve.contains("<tr id=\"e-res-404-end-date-2026\">"))
        #expect(reserve.contains("<a href=\"../decision/2022-0177088.html\">2022-0177088</a></td><td data-label=\"Bron\"><a href=\"../sources.html#doc-000_5f670a6af81f8fa9c1.txt\">"))
        #expect(reserve.contains("31 december 2026"))
        // The multi-year budget: the three years side by side, the stated totals checked.
        let budgets = try #require(files["budgets.html"])
        for figure in ["€ 270.057.000", "€ 266.242.000", "€ 257.926.000"] { #expect(budgets.contains(figure)) }
        #expect(budgets.components(separatedBy: "class=\"good\">klopt<").count == 4)
    }

    @Test func englishWithLang() throws {
        let temp = try TemporaryFolder("site-en")
        let events = try temp.copyOfShippedEvents()
        let out = temp.path("public")
        #expect(CLI.run(["site", out, "--events", events, "--lang", "en"]).status == 0)
        let files = try Self.files(out)
        #expect(files["index.html"]?.contains("<html lang=\"en\">") == true)
        #expect(files["decision/2022-0177088.html"]?.contains("What this decision authorised") == true)
        #expect(Self.linkProblems(files) == [])
        let bad = CLI.run(["site", out, "--events", events, "--lang", "fr"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--lang 'fr' is not a language this register speaks; expected en or nl"))
    }

    @Test func oneNewEventRewritesOnlyThePagesItChanges() throws {
        let temp = try TemporaryFolder("site-append")
        let events = try temp.copyOfShippedEvents()
        let out = temp.path("public")
        #expect(CLI.run(["site", out, "--events", events, "--on", "2026-12-01"]).status == 0)
        let again = CLI.run(["site", out, "--events", events, "--on", "2026-12-01"])
        #expect(again.stdout.contains("1 written, 44 unchanged"), "\(again.stdout)")  // the index says when it was generated
        let before = try Self.files(out)
        try appendWithoutChecks([UncheckedEvent(id: "dec-2026-0100001", type: "decision-taken", payload: [
            "decision": "2026-0100001", "body": "college", "date": "2026-11-20", "title": "Kader verlenging Dordrecht Sociaal",
        ], effective: "2026-11-20")], to: events)
        let r = CLI.run(["site", out, "--events", events, "--on", "2026-12-01"])
        #expect(r.status == 0)
        let after = try Self.files(out)
        let changed = Set(after.keys.filter { before[$0] != after[$0] })
        #expect(changed == ["index.html", "decision/2026-0100001.html", "decision/timeline/2026-0100001-1.html", "woo-metadata.json", "sources.html",
                            "source/test.pdf-1.html", ".site-manifest.json"], "\(changed.sorted())")
        #expect(r.stdout.contains("48 file(s), 6 written, 42 unchanged"), "\(r.stdout)")
        #expect(Self.linkProblems(after) == [])
    }

    @Test func severalRegistersUnderAProvinceIndex() throws {
        let temp = try TemporaryFolder("site-province")
        let dordrecht = try temp.copyOfShippedEvents("dordrecht/events")
        let zwijndrecht = try temp.copyOfShippedEvents("zwijndrecht/events")
        let list = temp.path("province.txt")
        try Data("dordrecht/events\nzwijndrecht/events\n".utf8).write(to: URL(fileURLWithPath: list))
        let out = temp.path("province")
        let r = CLI.run(["site", out, "--registers", list])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try Self.files(out)
        #expect(files["index.html"]?.contains("<a href=\"dordrecht/index.html\">dordrecht</a>") == true)
        #expect(files["zwijndrecht/reserve/404.html"]?.contains("href=\"../../index.html\">Alle registers</a>") == true)
        #expect(files["dordrecht/decision/2022-0177088.html"] != nil)
        #expect(Self.linkProblems(files) == [])
        _ = dordrecht; _ = zwijndrecht
    }

    @Test func refusesToWriteIntoTheEventsFolder() throws {
        let temp = try TemporaryFolder("site-refuse")
        let events = try temp.copyOfShippedEvents()
        let before = try digest(of: events)
        let r = CLI.run(["site", events + "/site", "--events", events])
        #expect(r.status == 2)
        #expect(r.stderr.contains("lies inside the events folder"))
        #expect(try digest(of: events) == before)
        #expect(CLI.run(["site", "--events", events]).status == 2)
    }

    @Test func fileNamesFollowFromIdsAndNeverCollide() {
        #expect(SitePaths.page(.reserve(.init("404"))) == "reserve/404.html")
        #expect(SitePaths.slug("2019_GDD_B&W_00314") == "2019_5fGDD_5fB_26W_5f00314")
        let ids = ["a_b", "a/b", "a b", "a_5fb", ".hidden", "-x", "ë", "e\u{0308}", "../x", "A", "a"]
        #expect(Set(ids.map(SitePaths.slug)).count == ids.count)
        for id in ids { #expect(!SitePaths.slug(id).contains("/") && !SitePaths.slug(id).hasPrefix(".")) }
    }

    /// The hashes the register recorded (events 25-29) are the ones shown, with no sources folder
    /// at all (they showed "onbekend" and null); the kept source file agrees with them.
    @Test(arguments: [false, true])
    func sourceHashesAndWooMetadata(keepingTheSourceFiles: Bool) throws {
        let temp = try TemporaryFolder("site-woo")
        let events = try temp.copyOfShippedEvents("register/events")
        let document = "000_670a6af81f8fa9c1.txt"
        let text = Array(try Data(contentsOf: URL(fileURLWithPath: Repository.root + "/Tests/DraftingTests/Fixtures/sources/" + document)))
        if keepingTheSourceFiles {
            let sources = try temp.folder("register/sources")
            try Data(text).write(to: URL(fileURLWithPath: sources + "/" + document))
        }
        try Data(#"{"organisatie": "gemeente Dordrecht", "organisatieTOOI": "https://identifier.overheid.nl/tooi/id/gemeente/gm0505"}"#.utf8)
            .write(to: URL(fileURLWithPath: temp.path("register/register-settings.json")))
        let out = temp.path("public")
        let r = CLI.run(["site", out, "--events", events])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try Self.files(out)
        #expect(files["sources.html"]?.contains(SHA256.hash(text).hex) == true)
        let wooText = try #require(files["woo-metadata.json"])
        let woo = try JSONParser.parse(wooText)
        let decisions = try #require(woo["besluiten"]?.array)
        #expect(decisions.count == 5)
        let taken = try #require(decisions.first { $0["identifiers"]?.array?.first == "2022-0177088" })
        #expect(taken["officieleTitel"] == "Inzet niet bestede middelen reserve sociaal domein")
        #expect(taken["publisher"]?["label"] == "gemeente Dordrecht")
        #expect(taken["documenthandelingen"] == nil)  // the meeting date is blank: left out, not guessed
        #expect(taken["ontbreekt"]?.array?.contains("documenthandelingen.vaststelling.atTime") == true)
        #expect(taken["register:bronnen"]?.array?.first?["sha256"] == .string(SHA256.hash(text).hex))
        #expect(taken["ontbreekt"]?.array?.contains("register:bronnen.sha256") == false)
    }

    /// A kept source file whose bytes differ from the hash the register recorded for it is not
    /// that document: no site and no ZGW export is made from it, and the error names the file.
    @Test func aSourceFileThatContradictsItsRecordedHashStopsThePublication() throws {
        let temp = try TemporaryFolder("site-forged-source")
        let events = try temp.copyOfShippedEvents("register/events")
        let sources = try temp.folder("register/sources")
        try Data("Aldus besloten in de vergadering van\n".utf8).write(to: URL(fileURLWithPath: sources + "/000_670a6af81f8fa9c1.txt"))
        for command in [["site", temp.path("public")], ["export", "--format", "zgw-besluiten", "--output", temp.path("besluiten.json")]] {
            let r = CLI.run(command + ["--events", events])
            #expect(r.status == 1, "\(command)")
            #expect(r.stderr.contains("000_670a6af81f8fa9c1.txt hashes to") && r.stderr.contains("is not the document the register rests on"), "\(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: temp.path("besluiten.json")))
    }

    @Test func storedTextsAreEscapedAndKnownOnReadsTheRegisterAsItStood() throws {
        let temp = try TemporaryFolder("site-hostile")
        let events = try temp.copyOfShippedEvents()
        try appendWithoutChecks([UncheckedEvent(id: "dec-hostile", type: "decision-taken", payload: [
            "decision": "x\"><script>alert(1)", "body": "raad", "date": "2026-11-20", "title": "<img src=x onerror=alert(1)> & \u{202E}",
        ], effective: "2026-11-20")], to: events)
        let out = temp.path("public")
        let made = CLI.run(["site", out, "--events", events])
        #expect(made.status == 0, "\(made.stderr)")
        let files = try Self.files(out)
        let page = try #require(files.first { $0.key.hasPrefix("decision/x") }?.value)
        #expect(!page.contains("<script>alert") && !page.contains("<img"))
        #expect(page.contains("&lt;img src=x onerror=alert(1)&gt; &amp; \\u{202E}"))
        #expect(files["index.html"]?.contains("<script>alert") == false)
        #expect(Self.linkProblems(files) == [])

        let before = temp.path("before")
        #expect(CLI.run(["site", before, "--events", events, "--known-on", "2026-11-23T14:39:59.050Z"]).status == 0)
        let old = try Self.files(before)
        #expect(old["index.html"]?.contains("Aantal gebeurtenissen</dt><dd>13</dd>") == true)
        #expect(old["contract/dordrecht-sociaal.html"] == nil)
    }
}
