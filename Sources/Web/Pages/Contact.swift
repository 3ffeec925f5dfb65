/// The service's contact address (`TDB_CONTACT`): whom people write to, named on the contact, error and help pages.
public enum Contact {
    /// The demo's address; an installation sets its own.
    public static let parDefaut = "contact@demo.tdb"
}
