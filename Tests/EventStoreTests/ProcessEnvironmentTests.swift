import Foundation
import Testing
@testable import EventStore

/// The environment read from the C library is the one Foundation reads.
@Suite struct ProcessEnvironmentTests {
    @Test func theWholeEnvironmentAndEachVariableAreFoundationsOwn() {
        let foundation = ProcessInfo.processInfo.environment
        let own = ProcessEnvironment.all()
        #expect(own == foundation)
        #expect(!own.isEmpty)
        for (name, value) in foundation.prefix(20) { #expect(ProcessEnvironment.value(name) == value) }
        #expect(ProcessEnvironment.value("REGISTER_NO_SUCH_VARIABLE_\(UUID().uuidString.prefix(8))") == nil)
    }
}
