/// The output formats of a query: text for people (the default), `--json` or `--csv`.
enum AnswerFormat: Sendable {
    case text, json, csv
}
