// Suggestions of trades as one types in "Quel métier ?" (/recruter-un-apprenti). The page works without this
// script: the server reads what was typed. Here the <datalist> of the field is filled from
// GET /recruter-un-apprenti/metiers?q=…; a suggestion reads "Maçon / Maçonne (F1703)", which the server understands.
(function () {
  "use strict";
  var champ = document.getElementById("q");
  var liste = document.getElementById("suggestions-metiers");
  var statut = document.getElementById("suggestions-statut");
  var code = document.getElementById("rome");
  if (!champ || !liste || !window.fetch) { return; }
  var attente = null;
  var derniere = "";
  champ.addEventListener("input", function () {
    if (code) { code.value = ""; }
    var q = champ.value.trim();
    if (q === derniere) { return; }
    derniere = q;
    clearTimeout(attente);
    if (q.length < 2 || /\([A-Z][0-9]{4}\)$/.test(q)) { return; }
    attente = setTimeout(function () {
      fetch("/recruter-un-apprenti/metiers?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { metiers: [] }; })
        .then(function (donnees) {
          if (champ.value.trim() !== q) { return; }
          while (liste.firstChild) { liste.removeChild(liste.firstChild); }
          donnees.metiers.forEach(function (m) {
            var option = document.createElement("option");
            option.value = m.libelle + " (" + m.code + ")";
            liste.appendChild(option);
          });
          if (statut) {
            var n = donnees.metiers.length;
            statut.textContent = n === 0 ? "Aucun métier suggéré" : n + " métier" + (n > 1 ? "s" : "") + " suggéré" +
              (n > 1 ? "s" : "");
          }
        })
        .catch(function () { /* the form still works without suggestions */ });
    }, 150);
  });
})();
