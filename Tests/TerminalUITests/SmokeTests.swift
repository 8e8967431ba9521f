import Testing
@testable import TerminalUI

@Test func moduleLoads() { #expect(Bool(true)) }
