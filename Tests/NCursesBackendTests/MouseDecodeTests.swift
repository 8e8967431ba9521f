import Testing
import CNCursesW
import TerminalUI
@testable import NCursesBackend

/// What curses reports of the mouse, as the inspector's events.
@Suite struct MouseDecodeTests {
    func event(_ bstate: mmask_t, x: Int32 = 7, y: Int32 = 3) -> MouseEvent? {
        var ev = MEVENT()
        ev.x = x; ev.y = y; ev.bstate = bstate
        return NCursesTerminal.mouseEvent(ev)
    }

    @Test func theLeftButtonAndTheWheelAreEventsOtherButtonsAreNot() {
        #expect(event(sl_button1_pressed()) == MouseEvent(.press, x: 7, y: 3))
        #expect(event(sl_button4_pressed()) == MouseEvent(.wheelUp, x: 7, y: 3))
        #expect(event(sl_button5_pressed()) == MouseEvent(.wheelDown, x: 7, y: 3))
        #expect(event(sl_button1_released()) == nil)
        #expect(event(sl_button3_pressed()) == nil)
    }
}
