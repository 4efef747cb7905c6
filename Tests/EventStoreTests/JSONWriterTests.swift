import Testing
@testable import EventStore
import TestSupport

/// The canonical writer: the same value always gives the same bytes, and they parse back.
@Suite struct JSONWriterTests {
    static let sample: JSONValue = ["b": [1, "x"], "a": [:], "c": [], "d": ["e": nil, "f": true, "g": .number("1.50")]]

    @Test func prettyOutputHasTwoSpaceIndentationAndOneFinalNewline() {
        let expected = """
        {
          "a": {},
          "b": [
            1,
            "x"
          ],
          "c": [],
          "d": {
            "e": null,
            "f": true,
            "g": 1.50
          }
        }

        """
        #expect(JSONWriter.prettyString(Self.sample) == expected)
        #expect(JSONWriter.pretty(Self.sample) == Array(expected.utf8))
        #expect(JSONWriter.pretty(Self.sample).last == 0x0a)
        #expect(!JSONWriter.prettyString(Self.sample).hasSuffix("\n\n"))
        #expect(!JSONWriter.prettyString(Self.sample).contains("\r"))
    }

    /// Keys sort by their UTF-8 bytes: the same order as comparing the bytes one by one, for
    /// prefixes, empty keys, non-ASCII keys and the decomposed and composed forms of one text.
    @Test func keysSortByTheirBytes() {
        let keys = ["", "a", "ab", "b", "B", "é", "e\u{301}", "z", "€", "\u{10FFFF}", "aa", "a\u{0}", "Z9", "zz", "ü", "u\u{308}"]
        for a in keys {
            for b in keys {
                #expect(JSONWriter.precedes(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a.debugDescription) vs \(b.debugDescription)")
            }
        }
        // (A dictionary holds one of two canonically equivalent keys.)
        let decomposed = [Array("e\u{301}".utf8), Array("u\u{308}".utf8)]
        let distinct = keys.filter { !decomposed.contains(Array($0.utf8)) }
        #expect(distinct.count == keys.count - 2)
        let object = JSONValue.object(Dictionary(uniqueKeysWithValues: distinct.map { ($0, .null) }))
        let order = distinct.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(JSONWriter.compactString(object) == "{" + order.map { JSONWriter.compactString(.string($0)) + ":null" }.joined(separator: ",") + "}")
    }

    @Test func compactOutputIsOneLineWithoutFinalNewline() {
        #expect(JSONWriter.compactString(Self.sample) == #"{"a":{},"b":[1,"x"],"c":[],"d":{"e":null,"f":true,"g":1.50}}"#)
        #expect(!JSONWriter.compact(Self.sample).contains(0x0a))
    }

    @Test func scalarsAtTopLevel() {
        #expect(JSONWriter.compactString(nil) == "null")
        #expect(JSONWriter.compactString(true) == "true")
        #expect(JSONWriter.compactString(false) == "false")
        #expect(JSONWriter.compactString(.number("-0")) == "-0")
        #expect(JSONWriter.compactString(.number("1e3")) == "1e3")
        #expect(JSONWriter.prettyString("s") == "\"s\"\n")
        #expect(JSONWriter.prettyString([]) == "[]\n")
        #expect(JSONWriter.prettyString([:]) == "{}\n")
    }

    /// Keys are ordered by their UTF-8 bytes: upper case before lower case, a prefix
    /// before its extensions, non-ASCII last; not by locale or by insertion order.
    @Test func keysAreSortedByUTF8Bytes() {
        let value: JSONValue = ["b": 1, "a": 2, "B": 3, "\u{e9}": 4, "aa": 5, "a-": 6, "_": 7, "Z": 8, "z": 9, "1": 10]
        #expect(JSONWriter.compactString(value) == #"{"1":10,"B":3,"Z":8,"_":7,"a":2,"a-":6,"aa":5,"b":1,"z":9,"é":4}"#)
    }

    @Test func theSameObjectBuiltInDifferentOrdersWritesTheSameBytes() throws {
        let one = try JSONParser.parse(#"{"z": 1, "a": {"y": [1, 2], "b": null}, "m": "x"}"#)
        let two = try JSONParser.parse("{\n\"m\":\"x\",\"a\":{\"b\":null,\"y\":[1,2]},\n \"z\":1}")
        #expect(JSONWriter.pretty(one) == JSONWriter.pretty(two))
        #expect(JSONWriter.compact(one) == JSONWriter.compact(two))
    }

    @Test(arguments: [
        #"{"b": [1, 2.50, -0, 1e3, "x"], "a": {"nested": {"deep": [true, false, null]}}, "é": "ü"}"#,
        "  [ {\"k\" : \"v\\n\\t\\u0001\" } , [] , {} , \"\\ud83d\\ude00\" ]  ",
        #""just a string with \"quotes\" and \\ backslash""#,
        "123.4500",
        "{\"keys\": {\"\u{e9}\": 1, \"e\": 2, \"E\": 3, \"\u{1f600}\": 4}}",
    ])
    func canonicalOutputIsStable(text: String) throws {
        for write in [JSONWriter.pretty, JSONWriter.compact] {
            let first = write(try JSONParser.parse(text))
            let second = write(try JSONParser.parse(first))
            #expect(first == second)
            #expect(try JSONParser.parse(second) == (try JSONParser.parse(text)))
        }
    }

    @Test func everyControlCharacterIsEscaped() throws {
        for scalar in (0..<0x20).map({ Unicode.Scalar(UInt8($0)) }) + [Unicode.Scalar(UInt8(0x7f))] {
            let text = "a" + String(Character(scalar)) + "b"
            let written = JSONWriter.compact(.string(text))
            #expect(!written.contains { $0 < 0x20 || $0 == 0x7f }, "U+\(String(scalar.value, radix: 16)) written raw")
            #expect(try JSONParser.parse(written) == .string(text), "U+\(String(scalar.value, radix: 16))")
        }
        #expect(JSONWriter.compactString("\n\r\t") == #""\n\r\t""#)
        #expect(JSONWriter.compactString("\u{0}\u{1f}\u{7f}\u{8}\u{c}") == #""\u0000\u001f\u007f\u0008\u000c""#)
    }

    @Test func quotesAndBackslashesAreEscapedAndSlashIsNot() {
        #expect(JSONWriter.compactString(#"say "hi" \ a/b"#) == #""say \"hi\" \\ a/b""#)
        #expect(JSONWriter.compactString(["k\"ey": 1]) == #"{"k\"ey":1}"#)
    }

    @Test func nonASCIITextStaysUTF8() throws {
        let text = "Gemeente \u{e9}\u{fc}\u{20ac} \u{1f600} \u{4e2d}\u{6587} e\u{301}"
        let written = JSONWriter.compact(.string(text))
        #expect(written == Array(("\"" + text + "\"").utf8))
        #expect(!JSONWriter.compactString(.string(text)).contains("\\u"))
        #expect(try JSONParser.parse(written) == .string(text))
        // NFD stays NFD: the writer does not normalise, it writes the scalars it was given.
        #expect(JSONWriter.compact(.string("e\u{301}")) == [0x22, 0x65, 0xCC, 0x81, 0x22])
    }

    @Test func numbersAreWrittenAsTheirLiteralText() {
        #expect(JSONWriter.compactString([.number("1.50"), .number("-0"), .number("1E+3"), 7]) == "[1.50,-0,1E+3,7]")
        #expect(JSONWriter.compactString(JSONValue(Int64.min)) == "-9223372036854775808")
    }

    /// Random documents written and parsed back are the same value, in both forms.
    @Test(arguments: [11 as UInt64, 12, 13, 14, 15])
    func randomDocumentsRoundTrip(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for _ in 0..<40 {
            let value = Self.randomValue(depth: 0, using: &random)
            #expect(try JSONParser.parse(JSONWriter.pretty(value)) == value, "seed \(seed)")
            #expect(try JSONParser.parse(JSONWriter.compact(value)) == value, "seed \(seed)")
            #expect(JSONWriter.pretty(try JSONParser.parse(JSONWriter.pretty(value))) == JSONWriter.pretty(value))
        }
    }

    static func randomValue(depth: Int, using random: inout SplitMix64) -> JSONValue {
        let kind = Int.random(in: 0..<(depth > 4 ? 4 : 6), using: &random)
        switch kind {
        case 0: return nil
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .number(randomNumber(using: &random))
        case 3: return .string(randomString(using: &random))
        case 4: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in randomValue(depth: depth + 1, using: &random) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                members[randomString(using: &random)] = randomValue(depth: depth + 1, using: &random)
            }
            return .object(members)
        }
    }

    static func randomNumber(using random: inout SplitMix64) -> String {
        let digits = String(UInt64.random(in: 0...1_000_000_000, using: &random))
        return [digits, "-" + digits, digits + ".05", "0.\(digits)", digits + "e-3", "-0", "0"].randomElement(using: &random)!
    }

    static func randomString(using random: inout SplitMix64) -> String {
        let alphabet: [Unicode.Scalar] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1b}", "\u{7f}",
                                          "\u{e9}", "\u{301}", "\u{20ac}", "\u{1f600}", "\u{ffff}"]
        var text = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...8, using: &random) { text.append(alphabet.randomElement(using: &random)!) }
        return String(text)
    }
}
