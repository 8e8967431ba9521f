import Testing
@testable import SampleGenerator

@Test func moduleLoads() { #expect(Bool(true)) }
