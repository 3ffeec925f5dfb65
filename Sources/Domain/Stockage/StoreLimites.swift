import Foundation

/// Counters of rate limits and the sign-in failures that throttle attempts.
public protocol StoreLimites: Sendable {
    /// Adds one to the counter of (`genre`, `cle`) in window `fenetre` in one atomic statement and returns its new
    /// value. A window's first request also drops the counters whose window has ended.
    func incrementer(compteur genre: String, cle: String, fenetre: Int64, expireLe: Date, now: Date) async throws -> Int
    /// Failures of the (e-mail, address) pair since `depuisPaire`, and of the address since `depuisAdresse`.
    func echecsConnexion(ip: String, email: String, depuisPaire: Date, depuisAdresse: Date) async throws
        -> EchecsConnexion
    /// Forgets the failures of a pair (after a successful sign-in).
    func oublierEchecs(ip: String, email: String) async throws
}
