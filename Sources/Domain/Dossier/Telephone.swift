/// Phone numbers of learners, checked against the French numbering plan (ARCEP), metropolitan and overseas,
/// as the reference does with libphonenumber and default country FR (domain §2.3). Numbers of other countries
/// (written with `+` or `00`) are accepted when their length is possible for E.164 (8–15 digits).
enum Telephone {
    enum Resultat: Equatable {
        case numero(String)
        case erreur(String)
    }

    /// Overseas départements reached with a French national prefix, and their country calling codes.
    private static let outreMer: [(prefixes: [String], indicatif: String)] = [
        (["590", "690"], "590"),  // Guadeloupe
        (["594", "694"], "594"),  // Guyane
        (["596", "696"], "596"),  // Martinique
        (["262", "269", "692", "693"], "262"),  // La Réunion, Mayotte
    ]

    static func normaliser(_ raw: String) -> Resultat {
        let cleaned = String(raw.unicodeScalars.filter { !" -.()\t".unicodeScalars.contains($0) })
        var digitsOnly = cleaned
        var international = false
        if cleaned.hasPrefix("+") {
            digitsOnly = String(cleaned.dropFirst())
            international = true
        } else if cleaned.hasPrefix("00") {
            digitsOnly = String(cleaned.dropFirst(2))
            international = true
        }
        guard !digitsOnly.isEmpty, digitsOnly.utf8.allSatisfy(isDigit) else { return .erreur(Message.formatInvalide) }

        if international {
            if digitsOnly.hasPrefix("33") { return national(String(digitsOnly.dropFirst(2))) }
            for zone in outreMer where digitsOnly.hasPrefix(zone.indicatif) {
                return outreMerNumero(String(digitsOnly.dropFirst(zone.indicatif.count)), indicatif: zone.indicatif)
            }
            return (8...15).contains(digitsOnly.count) ? .numero("+" + digitsOnly) : .erreur(Message.formatInvalide)
        }
        let nsn = digitsOnly.hasPrefix("0") ? String(digitsOnly.dropFirst()) : digitsOnly
        return national(nsn)
    }

    /// A national significant number (without the trunk prefix 0).
    private static func national(_ nsn: String) -> Resultat {
        for zone in outreMer where zone.prefixes.contains(where: nsn.hasPrefix) {
            return outreMerNumero(nsn, indicatif: zone.indicatif)
        }
        guard nsn.count == 9 else { return .erreur(Message.formatInvalide) }
        let b = Array(nsn.utf8).map { Int($0) - 48 }
        switch (b[0], b[1], b[2]) {
        case (1...5, _, _), (9, _, _):  // fixed lines, VoIP
            return .numero("0" + nsn)
        case (6, 3, 9), (6, 9, 1), (6, 9, 7):  // not allocated
            return .erreur(Message.telephoneInvalide)
        case (6, _, _), (7, 3...9, _):  // mobiles
            return .numero("0" + nsn)
        case (8, 0, _):  // free phone and universal access numbers
            return .numero("0" + nsn)
        case (8, 1...9, _):  // shared cost and premium rate
            return .erreur(Message.telephoneSpecial)
        default:
            return .erreur(Message.telephoneInvalide)
        }
    }

    private static func outreMerNumero(_ nsn: String, indicatif: String) -> Resultat {
        guard nsn.count == 9 else { return .erreur(Message.formatInvalide) }
        return .numero("+" + indicatif + nsn)
    }
}
