import Testing
@testable import Inspector

@Test func moduleLoads() { #expect(Bool(true)) }
