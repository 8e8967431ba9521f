import CNCursesW
import TerminalUI
// The only code that calls ncurses.
