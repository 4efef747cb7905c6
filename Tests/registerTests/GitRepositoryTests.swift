import Foundation
import Testing
import Replication

/// What `GitRepository` reads from git, as data: the environment every git process gets, and
/// `git push --porcelain`'s verdicts (captured from git 2.39 with a refusing hook and a lost race).
@Suite struct GitRepositoryTests {
    @Test func gitGetsTheCLocaleWhateverTheClerksIs() {
        let env = GitRepository.environment(["GIT_AUTHOR_NAME": "clerk"], base: [
            "LANG": "nl_NL.UTF-8", "LANGUAGE": "de", "LC_ALL": "nl_NL.UTF-8", "GIT_DIR": "hooks/..", "PATH": "/usr/bin",
        ])
        #expect(env["LC_ALL"] == "C")
        #expect(env["LANG"] == "C")
        #expect(env["LANGUAGE"] == nil)
        #expect(env["GIT_DIR"] == nil)
        #expect(env["GIT_TERMINAL_PROMPT"] == "0")
        #expect(env["GIT_AUTHOR_NAME"] == "clerk" && env["PATH"] == "/usr/bin")
        #expect(GitRepository.environment(["LC_ALL": "de_DE.UTF-8"], base: [:])["LC_ALL"] == "C", "not even a caller's own choice")
    }

    struct PushCase: CustomTestStringConvertible, Sendable {
        let name: String
        let status: Int32
        let output: String
        let error: String
        let expected: GitRepository.PushResult?
        var testDescription: String { name }
    }

    static let pushCases: [PushCase] = [
        PushCase(name: "pushed", status: 0, output: "To /srv/shared.git\n \tHEAD:refs/heads/main\t4b1c..9e2f\nDone\n",
                 error: "remote: register: accepted 1 new event(s)        \n", expected: .pushed),
        PushCase(name: "refused by the hook", status: 1,
                 output: "To /srv/shared.git\n!\tHEAD:refs/heads/main\t[remote rejected] (pre-receive hook declined)\nDone\n",
                 error: "remote: register: refused: 00000026-reserve-addition.json: not a valid event: no decision        \n"
                     + "error: failed to push some refs to '/srv/shared.git'\n",
                 expected: .refused(reason: "pre-receive hook declined",
                                    messages: ["register: refused: 00000026-reserve-addition.json: not a valid event: no decision"])),
        PushCase(name: "lost the race", status: 1, output: "To /srv/shared.git\n!\tHEAD:refs/heads/main\t[rejected] (fetch first)\nDone\n",
                 error: "error: failed to push some refs to '/srv/shared.git'\nhint: Updates were rejected because the remote contains work\n",
                 expected: .lostRace("fetch first")),
        PushCase(name: "non-fast-forward", status: 1, output: "!\tHEAD:refs/heads/main\t[rejected] (non-fast-forward)\n", error: "",
                 expected: .lostRace("non-fast-forward")),
        PushCase(name: "a tag that exists", status: 1, output: "!\trefs/tags/checkpoint-24:refs/tags/checkpoint-24\t[rejected] (already exists)\n",
                 error: "", expected: .refused(reason: "already exists", messages: [])),
        PushCase(name: "no such remote", status: 128, output: "",
                 error: "fatal: 'nowhere' does not appear to be a git repository\n", expected: nil),
    ]

    @Test(arguments: pushCases)
    func pushVerdictsAreReadFromThePorcelainOutput(_ c: PushCase) {
        #expect(GitRepository.PushResult.parse(status: c.status, output: c.output, error: c.error) == c.expected)
    }
}
