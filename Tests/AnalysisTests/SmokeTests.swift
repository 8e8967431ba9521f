import Testing
@testable import Analysis

@Test func moduleLoads() { #expect(Bool(true)) }
