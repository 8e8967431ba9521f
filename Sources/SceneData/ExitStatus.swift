/// The exit statuses of every `scenelens` command, one set for all of them
/// (README "Exit status"): scripts can test any command the same way.
public enum ExitStatus {
    /// It ran and found nothing wrong.
    public static let ok: Int32 = 0
    /// It ran and found problems: errors in the data (`validate`, `lint`),
    /// shortfalls of the terminal (`doctor`).
    public static let findings: Int32 = 1
    /// It could not run: a mistyped command or option, an option naming
    /// something that does not exist, input that cannot be read, output that
    /// cannot be written.
    public static let couldNotRun: Int32 = 2
}
