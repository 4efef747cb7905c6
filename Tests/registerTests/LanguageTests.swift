import TestSupport
import EventStore
import Foundation
import Testing
@testable import RegisterCLI

/// The register in Dutch: the language chosen by --lang or the environment, help of every
/// command, record's questions and messages, errors and the answers' text in Dutch, while
/// --json and --csv stay as documented.
@Suite struct LanguageTests {
    @Test(arguments: [
        ([:], Language.en), (["LANG": "nl_NL.UTF-8"], .nl), (["LANG": "en_US.UTF-8"], .en), (["LC_ALL": "nl_BE.UTF-8", "LANG": "en_US"], .nl),
        (["LC_MESSAGES": "nl_NL", "LANG": "en_GB"], .nl), (["LC_ALL": "", "LANG": "nl_NL.UTF-8"], .nl), (["LC_ALL": "C", "LANG": "nl_NL"], .en),
    ])
    func theEnvironmentChoosesTheLanguage(_ environment: [String: String], _ expected: Language) {
        #expect(Language(environment: environment) == expected)
    }

    /// Every text of every command's help, and every text record writes, has a Dutch translation.
    @Test func everyHelpTextHasADutchTranslation() {
        var missing: [String] = []
        for command in RegisterCommandLine.commands {
            for text in command.spec.translatableTexts where Language.nl.message(text) == text && !Self.sameInBothLanguages(text) {
                missing.append("\(command.spec.name): \(text)")
            }
        }
        #expect(missing.isEmpty, "no Dutch for:\n\(missing.joined(separator: "\n"))")
    }

    /// Lines of help that are the same in both languages: flag lists, type names, examples of values.
    static func sameInBothLanguages(_ text: String) -> Bool {
        text.hasPrefix("-") || text.hasPrefix("[") || text.hasPrefix("e.g. ") || text.hasPrefix("register ") || text.hasPrefix("reserve:")
    }

    @Test(arguments: [["--lang", "nl"], ["--lang=nl"]])
    func theLangOptionWorksAnywhereOnTheLine(_ option: [String]) {
        let help = CLI.run(["reserve", "--help"] + option)
        #expect(help.status == 0)
        #expect(help.stdout.contains("GEBRUIK: register reserve"), "\(help.stdout)")
        let overview = CLI.run(option + ["--help"])
        #expect(overview.stdout.contains("OPDRACHTEN:"), "\(overview.stdout)")
    }

    @Test func anUnknownLanguageIsAUsageError() {
        let r = CLI.run(["reserve", "404", "--lang", "fr"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--lang 'fr' is not a language this register speaks; expected en or nl"), "\(r.stderr)")
    }

    @Test func errorsAreDutchWithLANG() {
        let r = CLI.run(["reserve", "404", "--jsno", "--events", Repository.shippedEvents], environment: ["LANG": "nl_NL.UTF-8"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("register: fout: onbekende optie '--jsno' voor 'register reserve'. Bedoelt u '--json'?"), "\(r.stderr)")
        #expect(r.stderr.contains("Gebruik: register reserve"), "\(r.stderr)")
        let english = CLI.run(["reserve", "404", "--jsno", "--events", Repository.shippedEvents], environment: ["LANG": "en_US.UTF-8"])
        #expect(english.stderr.contains("register: error: unknown option '--jsno' for 'register reserve'. Did you mean '--json'?"))
    }

    /// A clerk at a Dutch terminal: the questions, a refused answer, the audit's view and the receipt in Dutch.
    @Test func recordAsksInDutch() throws {
        let temp = try TemporaryFolder("language")
        let store = try temp.copyOfShippedEvents()
        let stdin = ["404", "1,5", "1.000", "2022-0177088", "", "31 december 2023", "Jaarstukken", "", "", "j"].joined(separator: "\n") + "\n"
        let r = CLI.run(["record", "onttrekking", "--events", store], stdin: stdin, environment: ["LANG": "nl_NL.UTF-8"], interactive: true)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("reserve (Het nummer van de reserve, bijv. 404.):"), "\(r.stdout)")
        #expect(r.stdout.contains("decision (Het besluit dat het toestaat (de id ervan).) [Enter: overslaan]:"), "\(r.stdout)")
        #expect(r.stdout.contains("probeer het opnieuw"), "\(r.stdout)")
        #expect(r.stdout.contains("Gebeurtenis 30 (reserve-withdrawal), gaat in op 2023-12-31:"), "\(r.stdout)")
        #expect(r.stdout.contains("De controle zou over deze gebeurtenis"), "\(r.stdout)")
        #expect(r.stdout.contains("Deze gebeurtenis toevoegen? [j/N]"), "\(r.stdout)")
        #expect(r.stdout.contains("gebeurtenis 30 (id "), "\(r.stdout)")
        #expect(try EventStore(directory: store).events().last?.envelope.type == "reserve-withdrawal")
    }

    @Test func recordRefusesInDutchAndTheMessageNamesTheField() throws {
        // On a copy: with --yes, a refusal that let the event through would append it.
        let temp = try TemporaryFolder("record-dutch")
        let store = try temp.copyOfShippedEvents()
        let r = CLI.run(["record", "toevoeging", "--reserve", "404", "--effective", "2023-01-01", "--source", "t", "--yes",
                         "--events", store, "--lang", "nl"])
        #expect(r.status == 2)
        #expect(try EventStore(directory: store).events().count == (try EventStore(directory: Repository.shippedEvents).events().count))
        #expect(r.stderr.contains("register: fout: record addition heeft --amount nodig (Het bedrag, bijv. 5.000.000 of € 5.000.000,00.)"), "\(r.stderr)")
        let date = CLI.run(["reserve", "404", "--on", "31-02-2026", "--lang", "nl", "--events", Repository.shippedEvents])
        #expect(date.stderr.contains("--on '31-02-2026' is geen bestaande datum"), "\(date.stderr)")
    }

    /// --json keys and values and --csv headers are the same in both languages.
    @Test(arguments: [["reserve", "404", "--on", "2023-06-30", "--json"], ["audit", "--json", "--on", "2026-11-23"], ["log", "--csv"],
                      ["contract", "dordrecht-sociaal", "--csv"]])
    func machineOutputIsTheSameInBothLanguages(_ arguments: [String]) {
        let english = CLI.run(arguments + ["--events", Repository.shippedEvents])
        let dutch = CLI.run(arguments + ["--events", Repository.shippedEvents], environment: ["LANG": "nl_NL.UTF-8"])
        #expect(english.status == dutch.status)
        #expect(english.stdout == dutch.stdout)
    }

    /// The built binary, as a clerk's shell runs it with a Dutch locale: help, an error, and the README's commands.
    @Test func theBuiltBinarySpeaksDutchWithLANG() throws {
        let help = try CLIRunner.run(["help", "record"], environment: ["LANG": "nl_NL.UTF-8", "LC_ALL": ""])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Leg een gebeurtenis vast met opties"), "\(help.stdout)")
        #expect(help.stdout.contains("OPTIES:"))
        let wrong = try CLIRunner.run(["reserv", "404"], environment: ["LANG": "nl_NL.UTF-8", "LC_ALL": ""])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("register: fout: onbekende opdracht 'reserv'. Bedoelt u 'reserve'?"), "\(wrong.stderr)")
        let english = try CLIRunner.run(["reserv", "404"], environment: ["LANG": "C.UTF-8", "LC_ALL": ""])
        #expect(english.stderr.contains("register: error: unknown command 'reserv'. Did you mean 'reserve'?"), "\(english.stderr)")
    }

    @Test(arguments: [
        ("{1} '{2}' is not a real date", "--on '31-02-2026' is not a real date", "{1} '{2}' is geen bestaande datum", "--on '31-02-2026' is geen bestaande datum"),
        ("no reserve '{1}' here", "no reserve '999' here", "geen reserve '{1}' hier", "geen reserve '999' hier"),
        ("{2} before {1}", "b before a", "{1} na {2}", "a na b"),
    ])
    func aTemplateFitsAFinishedMessage(_ english: String, _ text: String, _ dutch: String, _ expected: String) throws {
        let template = try #require(CatalogueTemplate(english: english, dutch: dutch))
        #expect(template.translate(text) == expected)
    }

    /// Placeholders are filled in one pass: an argument's own text is never filled in again, a
    /// placeholder without its argument stays, and a brace that is no placeholder is kept.
    @Test func placeholdersAreFilledOnceFromTheirOwnArgument() {
        #expect(Language.en.text("{2} before {1}", "a", "b") == "b before a")
        #expect(Language.en.text("{1} and {2}", "{2}", "x") == "{2} and x")
        #expect(Language.en.text("{1}, {3}, {x}, {", 7) == "7, {3}, {x}, {")
        #expect(Language.en.text("{10}{1}", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j") == "ja")
        #expect(Language.en.text("no placeholders") == "no placeholders")
    }

    /// Each text renderer in Dutch: a label or phrase a Dutch reader finds, and no English label left.
    @Test(arguments: [
        (["reserve", "404", "--on", "2023-06-30"], "saldo           raming € 400.000,00 tot € 450.000,00", "balance"),
        (["contract", "dordrecht-sociaal", "--on", "2026-01-15"], "voorgenomen einde  2030-12-31 (voornemen van college, niet besloten)", "intended end"),
        (["budget", "--year", "2026"], "vermeld totaal € 266.242.000,00 klopt met de som", "stated total"),
        (["timeline", "404"], "einddatum van reserve 404 gezet op 2026-12-31", "decision: "),
        (["audit", "--on", "2026-11-23"], "noemt geen besluit dat het toestaat", "finding(s)"),
        (["verify"], "in orde: 29 gebeurtenissen", "ok: "),
        (["subjects"], "genomen door raad", "taken by"),
        (["log"], "toevoeging van € 5.000.000,00 aan reserve 404", "addition of"),
    ])
    func answersForPeopleAreDutch(_ arguments: [String], _ dutch: String, _ english: String) {
        let r = CLI.run(arguments + ["--lang", "nl", "--events", Repository.shippedEvents])
        #expect(r.status == 0 || arguments[0] == "audit", "\(r.stderr)")
        #expect(r.stdout.contains(dutch), "\(r.stdout)")
        #expect(!r.stdout.contains(english), "\(r.stdout)")
        let plain = CLI.run(arguments + ["--events", Repository.shippedEvents])
        #expect(plain.stdout.contains(english), "English stays English: \(plain.stdout)")
    }

    /// The built binary in a pseudo-terminal (util-linux `script`) with a Dutch locale: a Dutch menu,
    /// a refused answer asked again in Dutch, and the event appended after "j".
    @Test func aClerkAtADutchTerminalRecordsAnEvent() throws {
        let temp = try TemporaryFolder("language-pty")
        let store = try temp.copyOfShippedEvents()
        let command = "'\(CLIRunner.binary)' record --events '\(store)'"
        let answers = ["einddatum", "404", "31-13-2027", "31 december 2027", "2022-0177088", "01-02-2023", "Raadsbesluit", "", "", "j"]
            .joined(separator: "\n") + "\n"
        let r = try CLIRunner.run(["-qec", command, "/dev/null"], stdin: answers, environment: ["CI": "", "LANG": "nl_NL.UTF-8", "LC_ALL": ""],
                                  executable: "/usr/bin/script")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("Wat wilt u vastleggen?"), "\(r.stdout)")
        #expect(r.stdout.contains("er is geen maand 13"), "\(r.stdout)")
        #expect(r.stdout.contains("Deze gebeurtenis toevoegen? [j/N]"), "\(r.stdout)")
        #expect(r.stdout.contains("gebeurtenis 30 (id "), "\(r.stdout)")
        let last = try #require(try EventStore(directory: store).events().last?.envelope)
        #expect(last.type == "reserve-end-date-changed")
        #expect(last.payload["endDate"] == "2027-12-31")
        #expect(last.payload["decision"] == "2022-0177088")
    }

    /// A huge argument quoted in an error costs no noticeable time to translate, and does not crash.
    @Test func aHugeArgumentIsTranslatedQuickly() {
        let huge = String(repeating: "a b ", count: 50_000)
        let start = ContinuousClock.now
        let r = CLI.run(["reserve", huge, "--on", "31 december 2026 x y z", "--lang", "nl", "--events", Repository.shippedEvents])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("register: fout: "))
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    /// The worst text for the templates, as long as they are tried on: many places where each
    /// fixed part could start.
    @Test(arguments: ["a ", "' ", "1 ", " to ", "{1} "])
    func theWorstTextForTemplatesIsStillQuick(_ unit: String) {
        let text = String(repeating: unit, count: Catalogue.templateLimit / unit.utf8.count)
        let start = ContinuousClock.now
        _ = Language.nl.message(text)
        // Milliseconds alone; the bound leaves room for a loaded machine, not for a blow-up (seconds per text).
        #expect(ContinuousClock.now - start < .seconds(5))
    }
}
