/// `GET /recruter-un-apprenti/confirmer/:jeton` (`entreprise-confirmer`): one button that sends the request (a
/// link opened by a mail scanner sends nothing).
struct ConfirmationDemandeVue: VuePage {
    static let gabarit = "entreprise-confirmer"
    let action: String
}
