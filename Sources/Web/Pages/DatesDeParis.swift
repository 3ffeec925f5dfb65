import Domain
import Foundation

/// The one formatter of instants on pages (journal, transmissions, last transmission, accounts, e-mails, API keys):
/// Europe/Paris time, as people in France read it.

/// `6 mars 2025`: the day in Paris.
func dateFR(_ d: Date) -> String { dateLongue(HeureDeParis.jour(d)) }

/// `6 mars 2025 à 14:05`, Paris time.
func dateHeureFR(_ d: Date) -> String { "\(dateFR(d)) à \(HeureDeParis.heure(d))" }
