import Testing
@testable import Review

@Test func moduleLoads() { #expect(Bool(true)) }
