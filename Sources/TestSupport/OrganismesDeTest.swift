import Domain

/// A small référentiel for tests: organismes in several régions, with a responsable and its formateurs.
public enum OrganismesDeTest {
    /// CFA of Amiens (Somme, Hauts-de-France), responsable and formateur of the examples of domain.md.
    public static let amiens = OrganismeCle(uai: UAI("0802004U")!, siret: SIRET("77937827200016")!)
    /// A formateur of Amiens, same company.
    public static let abbeville = OrganismeCle(uai: UAI("0801234A")!, siret: SIRET("77937827200024")!)
    /// A formateur in Lyon with no link to Amiens.
    public static let lyon = OrganismeCle(uai: UAI("0691234B")!, siret: SIRET("44444444400011")!)

    public static let csv = """
        uai,siret,nom,nature,code_postal,code_commune_insee,departement,region,academie,reseaux
        0802004U,77937827200016,CFA de la Somme,responsable_formateur,80000,80021,80,32,20,CCI|CMA
        0801234A,77937827200024,Antenne d'Abbeville,formateur,80100,80001,,,,CCI
        0691234B,44444444400011,CFA du Rhône,formateur,69003,69383,69,84,10,
        """

    public static let relationsCsv = """
        responsable_uai,responsable_siret,formateur_uai,formateur_siret
        0802004U,77937827200016,0801234A,77937827200024
        """
}
