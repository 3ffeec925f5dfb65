-- wrk script of charge.sh: each thread is one ERP with its own API key and organisme, sending batches of new
-- learners (ids unique across the run) and counting the learners the server acknowledged.
local donnees = os.getenv("CHARGE_ERP")
local taille = tonumber(os.getenv("CHARGE_LOT") or "500")
local prefixe = os.getenv("CHARGE_PREFIXE") or "charge"
local erps = {}
for ligne in io.lines(donnees) do
    local cle, uai, siret = ligne:match("([^\t]+)\t([^\t]+)\t([^\t]+)")
    erps[#erps + 1] = { cle = cle, uai = uai, siret = siret }
end
local threads = {}
local compteur = 0

setup = function(thread)
    compteur = compteur + 1
    local erp = erps[(compteur - 1) % #erps + 1]
    thread:set("cle", erp.cle)
    thread:set("uai", erp.uai)
    thread:set("siret", erp.siret)
    thread:set("numero", compteur)
    table.insert(threads, thread)
end

local lot = 0
local acquits = nil
acceptes = 0
rejetes = 0
erreurs = 0

request = function()
    lot = lot + 1
    local items = {}
    for i = 1, taille do
        items[i] = string.format(
            '{"nom_apprenant":"Charge","prenom_apprenant":"Lot%d","date_de_naissance_apprenant":"2006-04-12",' ..
            '"annee_scolaire":"2025-2026","id_erp_apprenant":"%s-%d-%d-%d","date_inscription_formation":"2025-06-20",' ..
            '"date_entree_formation":"2025-09-01","date_fin_formation":"2027-06-30","contrat_date_debut":"2025-10-01",' ..
            '"contrat_date_fin":"2027-08-31","etablissement_responsable_uai":"%s","etablissement_responsable_siret":"%s",' ..
            '"etablissement_formateur_uai":"%s","etablissement_formateur_siret":"%s"}',
            lot, prefixe, numero, lot, i, uai, siret, uai, siret)
    end
    return wrk.format("POST", nil, { ["Authorization"] = "Bearer " .. cle, ["Content-Type"] = "application/json" },
        "[" .. table.concat(items, ",") .. "]")
end

-- Each acknowledged batch, known by the learner ids the answer echoes, is written down (ERP number, batch
-- number, learners accepted) so that the check after the run finds every one of them stored.
local motif = '"id_erp_apprenant":"' .. prefixe:gsub("%-", "%%-") .. '%-(%d+)%-(%d+)%-'
response = function(status, headers, body)
    if status ~= 200 then
        erreurs = erreurs + 1
        return
    end
    local a = body:match('"acceptes":(%d+)')
    local r = body:match('"rejetes":(%d+)')
    acceptes = acceptes + tonumber(a or "0")
    rejetes = rejetes + tonumber(r or "0")
    if acquits == nil then acquits = io.open(os.getenv("CHARGE_ACQUITS") .. "-" .. numero, "w") end
    local n, l = body:match(motif)
    acquits:write(string.format("%s %s %s\n", n or numero, l or "0", a or "0"))
    acquits:flush()
end

done = function(summary, latency, requests)
    local a, r, e = 0, 0, 0
    for _, t in ipairs(threads) do
        a = a + t:get("acceptes")
        r = r + t:get("rejetes")
        e = e + t:get("erreurs")
    end
    local x = summary.errors
    io.write(string.format("RESULTAT requetes=%d duree_s=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f " ..
        "connexion=%d lecture=%d ecriture=%d delais=%d statut=%d acceptes=%d rejetes=%d reponses_en_erreur=%d\n",
        summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
        latency:percentile(99) / 1000, latency.max / 1000, x.connect, x.read, x.write, x.timeout, x.status, a, r, e))
end
