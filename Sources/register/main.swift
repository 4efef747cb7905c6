import Foundation

// The only code that touches the real process: run, print (through the context), exit.
exit(RegisterCLI.run(Array(CommandLine.arguments.dropFirst()), context: .process()))
