import Testing
@testable import EventStore
import TestSupport

/// The strict RFC 8259 parser: what it accepts, and where it says a refused text goes wrong.
@Suite struct JSONParserTests {
    /// The error of parsing `bytes`, or nil when it parses.
    static func failure(_ bytes: [UInt8]) -> JSONError? {
        do {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    static func failure(_ text: String) -> JSONError? { failure(Array(text.utf8)) }

    // MARK: - Accepted documents

    @Test func scalarsAtTopLevel() throws {
        #expect(try JSONParser.parse("null") == .null)
        #expect(try JSONParser.parse("true") == .bool(true))
        #expect(try JSONParser.parse("false") == .bool(false))
        #expect(try JSONParser.parse("42") == .number("42"))
        #expect(try JSONParser.parse("\"text\"") == .string("text"))
        #expect(try JSONParser.parse("[]") == .array([]))
        #expect(try JSONParser.parse("{}") == .object([:]))
    }

    @Test func whiteSpaceAroundAndInsideIsAllowed() throws {
        let text = " \t\r\n{ \"a\" :\t[ 1 ,\r\n 2 ] , \"b\"\n:\n{ } }\n\n "
        #expect(try JSONParser.parse(text) == .object(["a": .array([.number("1"), .number("2")]), "b": .object([:])]))
    }

    @Test func nestedDocumentWithEveryKind() throws {
        let text = """
        {"event": {"id": "e-1", "tags": ["a", "b", []], "count": 3, "ratio": 0.25,
         "ok": true, "bad": false, "none": null, "empty": {}}, "list": [null, [true, [{"x": -1}]]]}
        """
        let value = try JSONParser.parse(text)
        let expected: JSONValue = [
            "event": [
                "id": "e-1", "tags": ["a", "b", []], "count": 3, "ratio": .number("0.25"),
                "ok": true, "bad": false, "none": nil, "empty": [:],
            ],
            "list": [nil, [true, [["x": -1]]]],
        ]
        #expect(value == expected)
        #expect(value["event"]?["tags"]?.array?.count == 3)
        #expect(value["event"]?["count"]?.integer == 3)
        #expect(value["list"]?.array?[1].array?[1].array?[0]["x"]?.integer == -1)
    }

    @Test func stringEscapes() throws {
        let text = #""q\" b\\ s\/ \b\f\n\r\t \u00e9 \u20AC \ud83d\ude00 \u0000""#
        #expect(try JSONParser.parse(text) == .string("q\" b\\ s/ \u{8}\u{c}\n\r\t \u{e9} \u{20ac} \u{1f600} \u{0}"))
    }

    @Test func rawNonASCIITextIsKeptAsIs() throws {
        #expect(try JSONParser.parse("\"Dordrecht \u{e9}\u{20ac}\u{1f600} \u{7f}\"") == .string("Dordrecht \u{e9}\u{20ac}\u{1f600} \u{7f}"))
    }

    /// Numbers stay as their literal text: `1.50` is not rounded to `1.5`, `-0` is not `0`.
    @Test(arguments: ["0", "-0", "1.50", "1e3", "1E+3", "2e-2", "-12.5e-07", "0.0",
                      "123456789012345678901234567890", "1e400", "-9223372036854775809"])
    func numbersAreKeptAsLiteralText(literal: String) throws {
        #expect(try JSONParser.parse(literal) == .number(literal))
        #expect(try JSONParser.parse("[\(literal)]") == .array([.number(literal)]))
        #expect(try JSONParser.parse("{\"n\": \(literal)}")["n"] == .number(literal))
    }

    @Test func integerAccessorOnlyForPlainWholeNumbersThatFit() throws {
        #expect(try JSONParser.parse("12").integer == 12)
        #expect(try JSONParser.parse("-9223372036854775808").integer == Int64.min)
        #expect(try JSONParser.parse("9223372036854775808").integer == nil)
        #expect(try JSONParser.parse("1.0").integer == nil)
        #expect(try JSONParser.parse("1e3").integer == nil)
        #expect(try JSONParser.parse("\"12\"").integer == nil)
    }

    @Test func bytesAndStringEntryPointsAgree() throws {
        let text = "{\"k\": [1, \"\u{e9}\"]}"
        #expect(try JSONParser.parse(text) == (try JSONParser.parse(Array(text.utf8))))
    }

    @Test func nestingUpToMaxDepthIsAccepted() throws {
        let depth = JSONParser.maxDepth
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var value = try JSONParser.parse(arrays)
        var levels = 0
        while let inner = value.array { levels += 1; guard let first = inner.first else { break }; value = first }
        #expect(levels == depth)
        let objects = String(repeating: "{\"a\":", count: depth - 1) + "1" + String(repeating: "}", count: depth - 1)
        #expect(try JSONParser.parse(objects) != .null)
    }

    // MARK: - Refusals, each with line and column

    struct Refusal: Sendable, CustomTestStringConvertible {
        let label: String
        let bytes: [UInt8]
        let line: Int
        let column: Int
        let message: String
        var testDescription: String { label }

        init(_ label: String, _ text: String, line: Int, column: Int, _ message: String) {
            self.init(label, Array(text.utf8), line: line, column: column, message)
        }

        init(_ label: String, _ bytes: [UInt8], line: Int, column: Int, _ message: String) {
            self.label = label
            self.bytes = bytes
            self.line = line
            self.column = column
            self.message = message
        }
    }

    static let refusals: [Refusal] = [
        Refusal("trailing comma in an array", "[1, 2,]", line: 1, column: 7, "unexpected character ']'"),
        Refusal("trailing comma in an object", "{\"a\": 1,\n}", line: 2, column: 1, "expected a quoted key"),
        Refusal("line comment", "{\"a\": 1 // note\n}", line: 1, column: 9, "expected ',' or '}'"),
        Refusal("block comment", "{\n  /* note */ \"a\": 1\n}", line: 2, column: 3, "expected a quoted key"),
        Refusal("comment before the value", "// x\n{}", line: 1, column: 1, "unexpected character '/'"),
        Refusal("duplicate key", "{\"a\": 1, \"a\": 2}", line: 1, column: 10, "duplicate key \"a\""),
        Refusal("duplicate key in a nested object", "{\"o\": {\n  \"k\": 1,\n  \"k\": 2}}", line: 3, column: 3, "duplicate key"),
        // The same key written in NFC (é as one scalar) and NFD (e + combining acute).
        Refusal("NFC and NFD spellings of one key", "{\"\u{e9}\": 1, \"e\u{301}\": 2}", line: 1, column: 10, "duplicate key"),
        Refusal("NFC and NFD spellings of one key, escaped", #"{"\u00e9": 1, "e\u0301": 2}"#, line: 1, column: 15, "duplicate key"),
        Refusal("raw tab in a string", "\"a\tb\"", line: 1, column: 3, "raw control character"),
        Refusal("raw newline in a string", "[\"a\nb\"]", line: 1, column: 4, "raw control character"),
        Refusal("raw NUL in a string", [0x22, 0x61, 0x00, 0x22], line: 1, column: 3, "raw control character"),
        Refusal("invalid UTF-8 byte 0xFF in a string", [0x22, 0x61, 0xFF, 0x22], line: 1, column: 5, "not valid UTF-8"),
        Refusal("overlong UTF-8 encoding of '/'", [0x22, 0xC0, 0xAF, 0x22], line: 1, column: 4, "not valid UTF-8"),
        Refusal("truncated UTF-8 sequence", [0x22, 0xE2, 0x82, 0x22], line: 1, column: 4, "not valid UTF-8"),
        Refusal("UTF-8 encoded surrogate", [0x22, 0xED, 0xA0, 0x80, 0x22], line: 1, column: 4, "not valid UTF-8"),
        Refusal("invalid UTF-8 outside a string", [0x5B, 0xFF, 0x5D], line: 1, column: 2, "byte 0xFF"),
        Refusal("lone high surrogate escape", #""\ud800""#, line: 1, column: 8, "lone high surrogate \\uD800"),
        Refusal("lone low surrogate escape", #""\udc00""#, line: 1, column: 8, "lone low surrogate \\uDC00"),
        Refusal("high surrogate followed by a non-surrogate", #""\ud800\u0041""#, line: 1, column: 14, "not followed by a low one"),
        Refusal("leading zero", "01", line: 1, column: 2, "may not start with 0"),
        Refusal("leading zero after minus", "[-01]", line: 1, column: 4, "may not start with 0"),
        Refusal("two zeros", "{\"n\": 00}", line: 1, column: 8, "may not start with 0"),
        Refusal("unclosed string", "\"abc", line: 1, column: 5, "not closed"),
        Refusal("unclosed string at the end of a document", "{\"a\":\n\"b", line: 2, column: 3, "not closed"),
        Refusal("text after the value", "{} x", line: 1, column: 4, "unexpected text after the JSON value"),
        Refusal("second value", "1 2", line: 1, column: 3, "unexpected text after the JSON value"),
        Refusal("two objects", "{}\n{}", line: 2, column: 1, "unexpected text after the JSON value"),
        Refusal("empty text", "", line: 1, column: 1, "ends where a value was expected"),
        Refusal("only white space", "  \n ", line: 2, column: 2, "ends where a value was expected"),
        Refusal("truncated object", "{\"a\": 1", line: 1, column: 8, "expected ',' or '}'"),
        Refusal("truncated array", "[1,\n2", line: 2, column: 2, "expected ',' or ']'"),
        Refusal("single quotes", "{'a': 1}", line: 1, column: 2, "expected a quoted key"),
        Refusal("unquoted key", "{a: 1}", line: 1, column: 2, "expected a quoted key"),
        Refusal("missing colon", "{\"a\" 1}", line: 1, column: 6, "expected ':'"),
        Refusal("unknown escape", #""\x41""#, line: 1, column: 3, "unknown escape"),
        Refusal("short \\u escape", #""\u12""#, line: 1, column: 4, "four hex digits"),
        Refusal("NaN", "NaN", line: 1, column: 1, "unexpected character 'N'"),
        Refusal("Infinity", "[-Infinity]", line: 1, column: 3, "a number needs digits"),
        Refusal("capitalised True", "True", line: 1, column: 1, "unexpected character 'T'"),
        Refusal("misspelt null", "nul", line: 1, column: 1, "did you mean null"),
        Refusal("plus sign", "+1", line: 1, column: 1, "unexpected character '+'"),
        Refusal("leading decimal point", ".5", line: 1, column: 1, "unexpected character '.'"),
        Refusal("trailing decimal point", "1.", line: 1, column: 3, "decimal point must be followed by digits"),
        Refusal("exponent without digits", "1e", line: 1, column: 3, "exponent needs digits"),
        Refusal("column counts characters, not bytes", "[\"\u{e9}\u{e9}\", x]", line: 1, column: 8, "unexpected character 'x'"),
    ]

    @Test(arguments: JSONParserTests.refusals)
    func refusal(_ refusal: Refusal) throws {
        let error = try #require(Self.failure(refusal.bytes), "\(refusal.label) was accepted")
        #expect(error.message.contains(refusal.message), "message: \(error.message)")
        #expect(error.line == refusal.line, "\(error)")
        #expect(error.column == refusal.column, "\(error)")
        #expect(error.description.hasPrefix("line \(refusal.line), column \(refusal.column): "))
    }

    @Test func nestingDeeperThanMaxDepthIsRefused() throws {
        let depth = JSONParser.maxDepth + 1
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let error = try #require(Self.failure(text))
        #expect(error.message.contains("nested deeper than \(JSONParser.maxDepth) levels"))
        #expect(error.line == 1)
        #expect(error.column == JSONParser.maxDepth + 1)
        let objects = String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
        #expect(Self.failure(objects)?.message.contains("nested deeper") == true)
    }

    @Test func hostileNestingIsRefusedWithoutExhaustingTheStack() throws {
        let error = try #require(Self.failure(String(repeating: "[", count: 200_000)))
        #expect(error.message.contains("nested deeper"))
    }
}
