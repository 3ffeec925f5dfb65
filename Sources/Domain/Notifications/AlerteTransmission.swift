import Foundation

/// The transmission alert (issue 15): an organisme that transmitted its effectifs and then stopped for `jours` days
/// gets one e-mail per administrator of its organisation (those who did not turn the alert off), listing that
/// organisme only; repeated at most every `jours` days. The outbox keys say when it was last sent:
/// `alerte-transmission/organisme-<id>/<occurrence>/<e-mail>` — one per organisme, occurrence and recipient, so
/// that a run started again after a crash adds nothing twice.
public struct AlerteTransmission: Sendable {
    public static let nom = "alerte-transmission"
    public var jours = 30

    public init(jours: Int = 30) { self.jours = jours }

    /// The organismes that transmitted, not closed, whose last transmission is `jours` days old or more (Paris days).
    public func concernes(_ organismes: [Organisme], now: Date) -> [Organisme] {
        let aujourdhui = HeureDeParis.jour(now)
        return organismes.filter { o in
            guard !o.ferme, let derniere = o.lastTransmissionDate else { return false }
            return aujourdhui - HeureDeParis.jour(derniere) >= jours
        }
    }

    public static func prefixe(_ organisme: OrganismeID) -> String { "\(nom)/organisme-\(organisme.rawValue)/" }

    public static func cle(_ organisme: OrganismeID, _ occurrence: Occurrence, _ email: String) -> String {
        "\(prefixe(organisme))\(occurrence.cle)/\(email.lowercased())"
    }

    /// Whether an alert of another occurrence went out less than `jours` days ago (those of this occurrence are the
    /// ones a run started again after a crash completes).
    public func dejaAlerte(_ precedentes: [(cle: String, creeLe: Date)], occurrence: Occurrence, now: Date) -> Bool {
        let aujourdhui = HeureDeParis.jour(now)
        return precedentes.contains { p in
            !p.cle.contains("/\(occurrence.cle)/") && aujourdhui - HeureDeParis.jour(p.creeLe) < jours
        }
    }

    /// The e-mail to one administrator.
    public func courriel(_ o: Organisme, a u: Utilisateur, now: Date, urlPublique: String) -> CourrielNotification {
        let derniere = o.lastTransmissionDate ?? now
        let ecart = HeureDeParis.jour(now) - HeureDeParis.jour(derniere)
        let base = CourrielNotification.sansBarreFinale(urlPublique)
        let identifiants = [o.uai.map { "UAI \($0.rawValue)" }, "SIRET \(o.siret.rawValue)"].compactMap { $0 }
        return CourrielNotification(
            prenom: u.prenom,
            sujet: "\(o.nom) : aucune transmission d'effectifs depuis \(ecart) jours",
            paragraphes: [
                "Votre organisme \(o.nom) (\(identifiants.joined(separator: ", "))) n'a plus transmis ses effectifs "
                    + "au tableau de bord depuis le "
                    + "\(CourrielNotification.dateLongue(HeureDeParis.jour(derniere))), soit \(ecart) jours.",
                "Les services de l'État, les régions et les missions locales voient donc des chiffres qui ne sont "
                    + "plus à jour, et les jeunes en rupture de contrat de votre organisme ne leur sont plus signalés.",
                "Vérifiez que votre logiciel de gestion (ERP) transmet toujours, et que sa clé d'API est active. "
                    + "Ce message sera renvoyé au plus une fois par mois tant que les transmissions n'auront pas repris.",
            ],
            liens: [("Gérer les clés d'API de votre organisme", "\(base)/ma-structure")],
            genre: .alerteTransmission)
    }

    /// The job: reads the organismes and their administrators, adds the mails that are due to the outbox.
    public func executer(_ ctx: ContexteTache) async throws -> BilanTache {
        let store = ctx.store
        let concernes = concernes(try await store.tousLesOrganismes(), now: ctx.now)
        let administrateurs = try await store.administrateursDesOrganismes()
        var (alertes, courriels, sansDestinataire) = (0, 0, 0)
        for o in concernes {
            let destinataires = administrateurs[o.id] ?? []
            guard !destinataires.isEmpty else {
                sansDestinataire += 1
                continue
            }
            let precedentes = try await store.courrielsParCle(prefixe: Self.prefixe(o.id))
            if dejaAlerte(precedentes, occurrence: ctx.occurrence, now: ctx.now) { continue }
            var envoye = false
            for u in destinataires {
                guard try await store.veutNotification(.alerteTransmission, utilisateur: u.id) else { continue }
                let c = courriel(o, a: u, now: ctx.now, urlPublique: ctx.urlPublique)
                let nouveau = c.nouveauCourriel(
                    a: u.email, urlPublique: ctx.urlPublique, cle: Self.cle(o.id, ctx.occurrence, u.email))
                if try await store.ajouterCourriel(nouveau, now: ctx.now) { courriels += 1 }
                envoye = true
            }
            if envoye { alertes += 1 }
        }
        return BilanTache(
            comptes: [
                "organismes_silencieux": concernes.count, "organismes_alertes": alertes, "courriels": courriels,
                "sans_administrateur": sansDestinataire,
            ],
            message:
                "\(concernes.count) organisme(s) sans transmission depuis \(jours) jours, \(courriels) e-mail(s) ajouté(s)"
        )
    }
}
