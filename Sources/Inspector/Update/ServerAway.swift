import Review

/// The inspector's side of a store server that went away (see
/// `EffectRunner.resend`): the prompt line says at once what is not saved, and
/// keeps saying it until the runner's resend goes through; `q` asks first.
enum ServerAway {
    /// A write could not reach the server: `unsent` is not saved (the phase
    /// still waits for it, so nothing shows it as decided) and will be resent.
    static func unreachable(_ s: inout AppState, _ message: String, unsent: String) -> [Effect] {
        s.review.unsent = unsent
        s.flash = reminder(unsent, message)
        return []
    }

    /// After any message: a save answered clears the unsent write (and says
    /// the server is back); otherwise, while one waits, the reminder stays on
    /// the prompt line whatever cleared it.
    static func after(_ s: inout AppState, _ msg: Msg, wasUnsent: String?) {
        switch msg {
        case .decisionSaved, .noteSaved, .tagsSaved:
            guard wasUnsent != nil else { return }
            s.review.unsent = nil
            s.flash = s.flash?.appending(" (the server is back)")
        case .failed:
            s.review.unsent = nil
        default:
            if let unsent = s.review.unsent, s.flash == nil { s.flash = reminder(unsent, nil) }
        }
    }

    private static func reminder(_ unsent: String, _ why: String?) -> Flash {
        Flash("NOT SAVED: \(unsent): the review server is unreachable; resending until it is back"
              + (why.map { " (\($0))" } ?? ""), .error)
    }
}
