/// One register's part of a question asked of several registers: its answer, or why there is none.
struct RegisterAnswer<Value: Answer> {
    /// The register's events folder.
    let register: String
    let result: Result<Value, CLIError>

    /// The exit code this register's answer implies.
    var status: ExitCode {
        switch result {
        case .success: return .ok
        case .failure(let error): return error.exitCode
        }
    }
}
