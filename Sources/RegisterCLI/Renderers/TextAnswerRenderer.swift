/// An answer written for people; several registers are blocks headed `== FOLDER`, a register
/// without an answer shows `error: …` in its block.
protocol TextAnswerRenderer: AnswerRenderer {}

extension TextAnswerRenderer {
    func render(_ answers: [RegisterAnswer<Rendered>]) -> String {
        answers.map { item in
            let body: String
            switch item.result {
            case .success(let answer): body = render(answer)
            case .failure(let error): body = "error: \(error.description)\n"
            }
            return "== \(item.register)\n" + body
        }.joined()
    }
}
