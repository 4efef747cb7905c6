/// A JSON value that is not the answer it should be (a damaged or foreign cache entry).
struct AnswerDecodingError: Error, Equatable, CustomStringConvertible {
    let description: String
}
