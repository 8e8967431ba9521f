import Testing
import TerminalUI
@testable import NCursesBackend

/// The colour numbers sent to curses decide what a user sees; these need no terminal.
@Suite struct ColorNumberTests {
    @Test func directColourSendsPaletteEntriesAsTheirRGB() {
        let direct = ColorPairs(colors: 1 << 24, direct: true, downgrade: { $0 })
        // Grey 8 is (127,127,127) in the xterm palette, not the near-black 0x000008.
        #expect(direct.number(.indexed(8)) == 0x7F7F7F)
        #expect(direct.number(.indexed(1)) == 1)                  // ANSI red stays an ANSI colour
        #expect(direct.number(.rgb(255, 0, 128)) == 0xFF0080)
        #expect(direct.number(.rgb(0, 0, 3)) == 8)                // would otherwise read as ANSI yellow
        #expect(direct.number(.default) == -1)
    }

    @Test func palettesKeepWhatTheyHaveAndDowngradeTheRest() {
        let depth256 = ColorDepth.ansi256
        let p256 = ColorPairs(colors: 256, direct: false, downgrade: { depth256.convert($0) })
        #expect(p256.number(.indexed(200)) == 200)
        let viaRGB = p256.number(.rgb(255, 0, 0))
        #expect(viaRGB >= 16 && viaRGB < 256)
        let depth16 = ColorDepth.ansi16
        let p16 = ColorPairs(colors: 16, direct: false, downgrade: { depth16.convert($0) })
        #expect(p16.number(.indexed(200)) < 16)
        #expect(p16.number(.rgb(0, 0, 255)) < 16)
    }
}
