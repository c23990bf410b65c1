/// The sign-in URLs, for the pages and the messages that link to them.
public enum SignInPaths {
    /// `GET` the form, `POST` an officer id, e-mail or phone number to be sent a code.
    public static let signIn = "/sign-in"
    /// `POST` `officer` and `code`.
    public static let verify = "/sign-in/verify"
    /// `GET ?token=` shows a confirm button; `POST` `token` uses the link.
    public static let link = "/sign-in/link"
    /// `POST` (with the CSRF token) ends the session.
    public static let signOut = "/sign-out"
    /// Where a new session lands.
    public static let afterSignIn = "/me"
}
