/// Writes answers in one output format: one register's answer as is, several registers' answers
/// (or errors) as one document labelled by register.
protocol AnswerRenderer<Rendered> {
    associatedtype Rendered: Answer
    func render(_ answer: Rendered) -> String
    func render(_ answers: [RegisterAnswer<Rendered>]) -> String
}
