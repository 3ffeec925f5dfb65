import Foundation

/// A named job of the runner: its schedule and what it does. Registering one is one line of `TableDesTaches`:
/// `Tache(nom: "alerte-transmission", libelle: "…", planification: .quotidienne(heure: 8, minute: 0)) { ctx in … }`.
public struct Tache: Sendable {
    /// The job's identity (lease rows, recorded runs, `tdb jobs run NOM`): lowercase words joined by dashes.
    public let nom: String
    public let libelle: String
    public let planification: Planification
    public let executer: @Sendable (ContexteTache) async throws -> BilanTache

    public init(
        nom: String, libelle: String, planification: Planification,
        executer: @escaping @Sendable (ContexteTache) async throws -> BilanTache
    ) {
        self.nom = nom
        self.libelle = libelle
        self.planification = planification
        self.executer = executer
    }
}

/// What a job receives: the store, its occurrence (whose key makes its e-mails unique), the time it started and the
/// public address of the service (for the links of its e-mails).
public struct ContexteTache: Sendable {
    public let store: any Store
    public let occurrence: Occurrence
    public let now: Date
    public let urlPublique: String

    public init(store: any Store, occurrence: Occurrence, now: Date, urlPublique: String) {
        self.store = store
        self.occurrence = occurrence
        self.now = now
        self.urlPublique = urlPublique
    }
}

/// What a run did: counts by name (`courriels: 3`) and a line for people.
public struct BilanTache: Sendable, Equatable {
    public var comptes: [String: Int]
    public var message: String

    public init(comptes: [String: Int] = [:], message: String = "") {
        self.comptes = comptes
        self.message = message
    }

    /// `{"courriels":3,"organismes":2}` (keys sorted), as stored.
    public var comptesJSON: String {
        let paires = comptes.keys.sorted().map { "\"\(Self.echapper($0))\":\(comptes[$0] ?? 0)" }
        return "{" + paires.joined(separator: ",") + "}"
    }

    /// Reads `comptesJSON` back (an unreadable text gives no counts rather than an error: counts are informative).
    public static func comptes(json: String) -> [String: Int] {
        guard let data = json.data(using: .utf8),
            let objet = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return objet.compactMapValues { ($0 as? NSNumber)?.intValue }
    }

    static func echapper(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}

/// The outcome of a run.
public enum ResultatTache: String, Sendable {
    case ok
    case echec

    public var libelle: String { self == .ok ? "réussie" : "échec" }
}

/// A recorded run: which occurrence, by which instance, when, how it ended.
public struct ExecutionTache: Sendable, Equatable {
    public var tache: String
    public var occurrence: Date
    public var titulaire: String
    public var debut: Date
    public var fin: Date
    public var resultat: ResultatTache
    public var message: String
    public var comptes: [String: Int]

    public init(
        tache: String, occurrence: Date, titulaire: String, debut: Date, fin: Date, resultat: ResultatTache,
        message: String, comptes: [String: Int]
    ) {
        self.tache = tache
        self.occurrence = occurrence
        self.titulaire = titulaire
        self.debut = debut
        self.fin = fin
        self.resultat = resultat
        self.message = message
        self.comptes = comptes
    }
}
