extension SIRET {
    /// Whether the SIRET's check digit is right: the Luhn sum of its 14 digits is a multiple of 10, except for
    /// La Poste's establishments (SIREN 356000000), whose digits add up to a multiple of 5.
    public var cleValide: Bool {
        let chiffres = rawValue.utf8.map { Int($0) - 48 }
        if siren == "356000000" { return chiffres.reduce(0, +) % 5 == 0 }
        var somme = 0
        for (i, c) in chiffres.reversed().enumerated() {
            let v = i % 2 == 1 ? c * 2 : c
            somme += v > 9 ? v - 9 : v
        }
        return somme % 10 == 0
    }
}
