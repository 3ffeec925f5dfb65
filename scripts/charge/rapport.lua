-- wrk report: latency percentiles, errors by kind and non-2xx/3xx answers, as one parsable line.
done = function(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("RESULTAT requetes=%d duree_s=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f " ..
        "connexion=%d lecture=%d ecriture=%d delais=%d statut=%d\n",
        summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
        latency:percentile(99) / 1000, latency.max / 1000, e.connect, e.read, e.write, e.timeout, e.status))
end
