import Domain
import Foundation
import Web

/// The demo accounts (`tdb demo`): one validated account per organisation type of the permission table, e-mail
/// `<type>@demo.tdb` (type in lower case, `_` → `-`), plus `admin@demo.tdb`, administrator of the service.
/// Territorial ones are in Auvergne-Rhône-Alpes (région 84, Rhône 69, académie de Lyon 10), the mission locale is
/// the one covering Lyon in the référentiel (the demo one when the base has none); the CFA is an organisme
/// with formateurs and learners; the tête de réseau, a réseau whose `responsable` flag opens the named lists when
/// the data has one. Running it again creates only the missing accounts.
public struct ComptesDemo: Sendable {
    public static let motDePasseParDefaut = "Demo-Tableau-2026!"
    public static let region = "84"
    public static let departement = "69"
    public static let academie = "10"
    /// Lyon: the demo mission locale account is the one covering it.
    public static let communeMissionLocale = "69123"

    let comptes: Comptes

    public init(store: any Store, coutBcrypt: UInt8, horloge: Horloge = .live) {
        comptes = Comptes(
            store: store, secrets: SecretsServeur(coutBcrypt: coutBcrypt), horloge: horloge,
            urlPublique: "http://127.0.0.1")
    }

    /// `organisme-formation@demo.tdb`…
    public static func email(_ type: TypeOrganisation) -> String {
        type == .administrateur
            ? "admin@demo.tdb" : type.rawValue.lowercased().replacingOccurrences(of: "_", with: "-") + "@demo.tdb"
    }

    public struct Compte: Sendable {
        public let email: String
        public let type: TypeOrganisation
        public let organisation: String
        /// False when the address already had an account (left as it was).
        public let cree: Bool
    }

    /// Creates the missing accounts; returns every demo account with its organisation.
    public func creer(motDePasse: String = ComptesDemo.motDePasseParDefaut) async throws -> [Compte] {
        var resultat: [Compte] = []
        // A base without missions locales gets the demo ones (and the ARML) before the accounts are attached.
        if try await comptes.store.missionsLocales().isEmpty {
            try await MissionsLocalesDemo.installer(store: comptes.store, now: comptes.horloge.now())
        }
        for type in TypeOrganisation.allCases {
            let email = Self.email(type)
            let organisation = try await organisation(type)
            let u = try await comptes.creerCompteValide(
                email: email, prenom: "Démo", nom: type.libelle, organisation: organisation, motDePasse: motDePasse)
            resultat.append(Compte(email: email, type: type, organisation: organisation.nom, cree: u != nil))
        }
        return resultat
    }

    func organisation(_ type: TypeOrganisation) async throws -> NouvelleOrganisation {
        let t = Territoires.france
        switch type.ancrage {
        case .organisme:
            guard let o = try await cfa() else {
                throw ErreurComptes.saisie([
                    ErreurSaisie("organisme", "Aucun organisme de formation dans la base : importez le référentiel")
                ])
            }
            return NouvelleOrganisation(type: type, nom: o.nom, organisme: o.id)
        case .reseau:
            let r = try await reseau()
            return NouvelleOrganisation(type: type, nom: "Tête de réseau \(r.nom)", reseau: r.cle)
        case .region:
            let nom = t.region(Self.region)?.nom ?? Self.region
            return NouvelleOrganisation(type: type, nom: "\(type.libelle) \(nom)", region: Self.region)
        case .departement:
            let nom = t.departement(Self.departement)?.nom ?? Self.departement
            return NouvelleOrganisation(type: type, nom: "\(type.libelle) \(nom)", departement: Self.departement)
        case .academie:
            let nom = t.academie(Self.academie)?.nom ?? Self.academie
            return NouvelleOrganisation(type: type, nom: "Académie \(nom)", academie: Self.academie)
        case .nom:
            return try await missionLocale()
        case .national:
            return type == .administrateur
                ? NouvelleOrganisation(type: .administrateur, nom: "Administration du service")
                : NouvelleOrganisation(type: type, nom: type.libelle)
        }
    }

    /// The mission locale covering Lyon (commune 69123) in the référentiel; else (a real référentiel without Lyon)
    /// one of the Rhône, else any.
    func missionLocale() async throws -> NouvelleOrganisation {
        let referentiel = try await comptes.store.missionsLocales()
        guard
            let ml = referentiel.first(where: { $0.communes.contains(Self.communeMissionLocale) })
                ?? referentiel.first(where: { $0.departement == Self.departement }) ?? referentiel.first
        else {
            throw ErreurComptes.saisie([
                ErreurSaisie("mission_locale", "Aucune mission locale dans le référentiel : importez-le")
            ])
        }
        return NouvelleOrganisation(
            type: .missionLocale, nom: ml.nom, region: ml.region, departement: ml.departement, missionLocale: ml.code)
    }

    /// The CFA: an organisme responsable for formateurs and with learners of its own, in the Rhône when there is
    /// one (the organisme of the demo API key first), else anywhere; else any organisme with learners.
    func cfa() async throws -> Organisme? {
        let store = comptes.store
        let tous = try await store.tousLesOrganismes()
        if let deja = tous.first(where: { $0.siret.rawValue == "77976658300115" && $0.uai?.rawValue == "0692360R" }),
            try await convient(deja)
        {
            return deja
        }
        let rhone = tous.filter { $0.adresse.departement == Self.departement }
        for o in rhone + tous.filter({ $0.adresse.departement != Self.departement }) {
            if try await convient(o) { return o }
        }
        for o in tous {
            if try await aDesApprenants(o) { return o }
        }
        return tous.first
    }

    func convient(_ o: Organisme) async throws -> Bool {
        guard !(try await comptes.store.formateurs(de: o.id).isEmpty) else { return false }
        return try await aDesApprenants(o)
    }

    func aDesApprenants(_ o: Organisme) async throws -> Bool {
        !(try await comptes.store.effectifs(organismes: [o.id], annee: nil, page: 1, limite: 1).lignes.isEmpty)
    }

    /// The réseau with the most organismes among the `responsable` ones; else the réseau with the most organismes.
    func reseau() async throws -> Reseau {
        guard let defaut = Reseau.reference.first(where: \.responsable) ?? Reseau.reference.first else {
            preconditionFailure("reseaux.csv est vide")
        }
        var nombres: [String: Int] = [:]
        for o in try await comptes.store.tousLesOrganismes() { for r in o.reseaux { nombres[r, default: 0] += 1 } }
        let presents = Reseau.reference.filter { (nombres[$0.cle] ?? 0) > 0 }
        let choix =
            presents.filter(\.responsable).max { (nombres[$0.cle] ?? 0) < (nombres[$1.cle] ?? 0) }
            ?? presents.max { (nombres[$0.cle] ?? 0) < (nombres[$1.cle] ?? 0) }
        return choix ?? defaut
    }
}
