import TerminalUI
// The whole app as pure functions: AppState, Msg, update(state, msg), view(state) -> Buffer.
