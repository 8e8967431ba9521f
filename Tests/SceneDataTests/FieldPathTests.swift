import Testing
@testable import SceneData

@Suite struct FieldPathTests {
    @Test func pathsDeeperThanTheInlineStepsAndSeveralDataNamesRenderInFull() {
        // Readers never go this deep today; a future format change must not garble names.
        var p = FieldPath("negatives").index(2).member(.sceneGraph).member(.objects).member(key: "7")
        p = p.member(.relations).index(3).member(.values).index(4).index(5).member(.name)
        p = p.member(key: "a.b").index(1 << 40).member(key: "")
        #expect(p.description == "negatives[2].scene_graph.objects.7.relations[3].values[4][5].name.a.b[1099511627776].")
        #expect(FieldPath("id").description == "id")
    }

    @Test func extendingAPathLeavesTheOriginalAlone() {
        let base = FieldPath("scene_graph").member(.objects)
        let first = base.index(0), second = base.member(key: "x").index(1)
        #expect(base.description == "scene_graph.objects")
        #expect(first.description == "scene_graph.objects[0]")
        #expect(second.description == "scene_graph.objects.x[1]")
    }
}
