import Foundation
import RegisterCLI

// The only code that touches the real process: run, print (through the context), exit.
exit(RegisterCommandLine.run(Array(CommandLine.arguments.dropFirst()), context: .process()))
