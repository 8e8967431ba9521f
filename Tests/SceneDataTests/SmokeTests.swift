import Testing
@testable import SceneData

@Test func moduleLoads() { #expect(Bool(true)) }
