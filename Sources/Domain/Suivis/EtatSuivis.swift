import Foundation

/// What a store derives cases under: the rules given at start, and the coverage of the référentiel, kept in memory
/// and reloaded when the référentiel's version in the database moves (another instance or `tdb import` changed it).
public final class EtatSuivis: @unchecked Sendable {
    private let verrou = NSLock()
    private var regles = ReglesSuivi()
    private var couverture = CouvertureMissionsLocales()
    private var version: Int64 = -1
    private var actif = true

    public init() {}

    public func configurer(_ regles: ReglesSuivi) {
        verrou.withLock { self.regles = regles }
    }

    public var reglesEnVigueur: ReglesSuivi { verrou.withLock { regles } }

    /// Whether batches derive cases: always, but for `tdb bench`, which measures what deriving costs.
    public var derivationActive: Bool {
        get { verrou.withLock { actif } }
        set { verrou.withLock { actif = newValue } }
    }

    /// The coverage if it is the one of référentiel `version`, else nil (the caller reloads and `memorise`).
    public func couverture(version v: Int64) -> CouvertureMissionsLocales? {
        verrou.withLock { version == v ? couverture : nil }
    }

    public func memoriser(_ c: CouvertureMissionsLocales, version v: Int64) {
        verrou.withLock {
            couverture = c
            version = v
        }
    }
}

extension MissionLocale {
    /// Communes and postal codes are stored as the file gives them: `|`-separated.
    public static func liste(_ texte: String?) -> [String] {
        (texte ?? "").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
