import EventStore

/// An answer as its JSON object; several registers as
/// `{"registers": [{"register": FOLDER, "status": EXIT, "answer": … or {"error": …}}]}`.
struct JSONAnswerRenderer<Rendered: Answer>: AnswerRenderer {
    func render(_ answer: Rendered) -> String {
        JSONWriter.prettyString(answer.json)
    }

    func render(_ answers: [RegisterAnswer<Rendered>]) -> String {
        JSONWriter.prettyString(.object(["registers": .array(answers.map { item in
            let answer: JSONValue
            switch item.result {
            case .success(let value): answer = value.json
            case .failure(let error): answer = .object(["error": .string(error.description)])
            }
            return .object(["register": .string(item.register), "status": JSONValue(Int(item.status.rawValue)), "answer": answer])
        })]))
    }
}
