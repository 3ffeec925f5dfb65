#!/usr/bin/env python3
"""Derives the map shipped with the service (Sources/Web/Resources/carte.json) from the IGN open-data contours in
../shared/data/geo: départements and régions as SVG paths in one frame — metropolitan France, the five overseas
départements / régions as insets on the left, the eight départements of Île-de-France enlarged in an inset at the top
right — simplified to about half a pixel.
    python3 scripts/carte.py
"""
import json, math, os

ICI = os.path.dirname(os.path.abspath(__file__))
GEO = os.path.join(ICI, '..', '..', 'shared', 'data', 'geo')
SORTIE = os.path.join(ICI, '..', 'Sources', 'Web', 'Resources', 'carte.json')

LARGEUR, HAUTEUR = 640, 600
METRO = (130, 10, 500, 580)           # x, y, w, h of metropolitan France
ENCARTS = [('971', '01', 'Guadeloupe'), ('972', '02', 'Martinique'), ('973', '03', 'Guyane'),
           ('974', '04', 'La Réunion'), ('976', '06', 'Mayotte')]
TOLERANCE = 0.5
# Île-de-France enlarged in a box at the top right (an empty corner of the frame: Belgium and Germany).
IDF = ['75', '77', '78', '91', '92', '93', '94', '95']
BOITE_IDF = (486, 26, 146, 98)        # x, y, w, h of the enlarged départements (a title above)
TOLERANCE_IDF = 0.25


def charger(nom):
    with open(os.path.join(GEO, nom), encoding='utf-8') as f:
        return json.load(f)['features']


def anneaux(geometrie):
    if geometrie['type'] == 'Polygon':
        return [geometrie['coordinates'][0]]
    return [p[0] for p in geometrie['coordinates']]


def projeter(lon, lat, lat0):
    return lon * math.cos(math.radians(lat0)), -lat


def douglas_peucker(points, tol):
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    n = math.hypot(dx, dy) or 1e-9
    idx, dmax = 0, 0.0
    for i in range(1, len(points) - 1):
        x, y = points[i]
        d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / n if n > 1e-9 else math.hypot(x - x1, y - y1)
        if d > dmax:
            idx, dmax = i, d
    if dmax <= tol:
        return [points[0], points[-1]]
    return douglas_peucker(points[:idx + 1], tol)[:-1] + douglas_peucker(points[idx:], tol)


def cadre(features, lat0):
    xs, ys = [], []
    for f in features:
        for a in anneaux(f['geometry']):
            for lon, lat in a:
                x, y = projeter(lon, lat, lat0)
                xs.append(x); ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def chemins(features, lat0, boite, code_de=lambda f: f['properties']['code'], tolerance=TOLERANCE):
    minx, miny, maxx, maxy = cadre(features, lat0)
    bx, by, bw, bh = boite
    echelle = min(bw / (maxx - minx), bh / (maxy - miny))
    ox = bx + (bw - (maxx - minx) * echelle) / 2
    oy = by + (bh - (maxy - miny) * echelle) / 2
    resultat = {}
    for f in features:
        morceaux = []
        for a in anneaux(f['geometry']):
            pts = [((projeter(lon, lat, lat0)[0] - minx) * echelle + ox, (projeter(lon, lat, lat0)[1] - miny) * echelle + oy)
                   for lon, lat in a]
            pts = douglas_peucker(pts, tolerance)
            if len(pts) < 3:
                continue
            morceaux.append('M' + 'L'.join(f'{x:.1f},{y:.1f}' for x, y in pts) + 'Z')
        code = code_de(f)
        resultat[code] = resultat.get(code, '') + ''.join(morceaux)
    return resultat


def main():
    deps = charger('departements-version-simplifiee.geojson')
    regs = charger('regions-version-simplifiee.geojson')
    outre_mer = {f['properties']['code']: f for f in charger('departements-avec-outre-mer.geojson')
                 if f['properties']['code'] in {c for c, _, _ in ENCARTS}}
    noms_dep = {f['properties']['code']: f['properties']['nom'] for f in deps}
    noms_reg = {f['properties']['code']: f['properties']['nom'] for f in regs}
    chemins_dep = chemins(deps, 46.5, METRO)
    # Régions drawn in the same frame as départements (same bounding box: metropolitan France).
    chemins_reg = chemins(regs, 46.5, METRO)
    encarts = []
    for k, (dep, reg, nom) in enumerate(ENCARTS):
        f = outre_mer[dep]
        boite = (8, 40 + k * 108, 96, 96)
        d = chemins([f], f['geometry']['coordinates'][0][0][0][1] if f['geometry']['type'] == 'MultiPolygon'
                    else f['geometry']['coordinates'][0][0][1], boite)[dep]
        chemins_dep[dep] = d
        chemins_reg[reg] = d
        noms_dep[dep] = f['properties']['nom']
        noms_reg[reg] = nom
        encarts.append({'x': boite[0] - 4, 'y': boite[1] - 4, 'w': boite[2] + 8, 'h': boite[3] + 8, 'libelle': nom})
    # The inset of Île-de-France: its eight départements again, enlarged (the same codes as on the map).
    chemins_idf = chemins([f for f in deps if f['properties']['code'] in IDF], 48.7, BOITE_IDF,
                          tolerance=TOLERANCE_IDF)
    bx, by, bw, bh = BOITE_IDF
    encart_idf = {'x': bx - 4, 'y': by - 22, 'w': bw + 8, 'h': bh + 26, 'libelle': 'Île-de-France',
                  'departements': [{'code': c, 'd': chemins_idf[c]} for c in IDF]}
    sortie = {
        'source': 'IGN, contours des départements et régions (données ouvertes), simplifiés par scripts/carte.py',
        'largeur': LARGEUR, 'hauteur': HAUTEUR, 'encarts': encarts, 'encartIleDeFrance': encart_idf,
        'departements': [{'code': c, 'nom': noms_dep[c], 'd': chemins_dep[c]} for c in sorted(chemins_dep)],
        'regions': [{'code': c, 'nom': noms_reg[c], 'd': chemins_reg[c]} for c in sorted(chemins_reg)],
    }
    with open(SORTIE, 'w', encoding='utf-8') as f:
        json.dump(sortie, f, ensure_ascii=False, separators=(',', ':'))
    print(f'{SORTIE}: {len(sortie["departements"])} départements, {len(sortie["regions"])} régions, '
          f'{os.path.getsize(SORTIE) // 1024} Kio')


if __name__ == '__main__':
    main()
