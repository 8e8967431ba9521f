import Foundation
import Review

/// When the store's server goes away: a write that could not reach it is
/// neither dropped nor shown as saved. The runner says so at once
/// (`storeUnreachable`), keeps the write, and sends it again every
/// `resendInterval` until the server answers; then the usual answer
/// (`decisionSaved`, ...) arrives as if it had taken that long. Resending is
/// safe: recording the same verdict again is no new change (the store
/// contract), and a write whose COMMIT answer was lost either happened or not.
extension EffectRunner {
    /// How long to wait between attempts while the server is away.
    public static let resendInterval: TimeInterval = 1

    /// The answer for a failed write: `storeUnreachable` when the server could
    /// not be reached (the write is kept and resent), `failed` otherwise.
    static func writeFailed(_ doing: String, _ error: Error, unsent: String) -> Msg {
        if let e = error as? ReviewStoreError, e.unreachable { return .storeUnreachable("\(doing): \(e)", unsent: unsent) }
        return .failed("\(doing): \(error)")
    }

    /// Performs the write `effect`, posting the answer; while the server is
    /// unreachable, posts that once and tries again until it goes through, or
    /// until the program quits (`stopResending`). The first message is the
    /// answer `submit` announced: the loop waits for no resend.
    func resend(_ effect: Effect, to mailbox: Mailbox) {
        var told = false
        while true {
            let answer = perform(effect)
            guard case .storeUnreachable = answer else {
                if told { if let answer { mailbox.post(answer) } } else { mailbox.answer(answer) }
                return
            }
            if !told { mailbox.answer(answer); told = true }
            if resendStopped { return }
            Thread.sleep(forTimeInterval: resendDelay)
        }
    }
}
