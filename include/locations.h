/* locations.h - resolving a location the user typed ("Austin, TX",
 * "austin tx", "Austin,Texas,United States") to the canonical Google
 * geotarget name of a city in the shipped data (keywords/cities.csv), so an
 * engine is never sent a name it silently ignores. Unknown names come back
 * with the nearest cities; a bare city name found in several states comes
 * back as ambiguous with the candidates. */
#ifndef SERPTRACK_LOCATIONS_H
#define SERPTRACK_LOCATIONS_H

#include <stddef.h>

#include "research.h"

/* Cities of a research_data (loaded with RESEARCH_CITIES) with their match
 * keys computed once. Owned by the caller (loc_index_free); borrows d,
 * which must outlive it. */
struct loc_index;
struct loc_index *loc_index_new(const struct research_data *d);
void loc_index_free(struct loc_index *ix);

enum loc_kind {
    LOC_OK,        /* city set */
    LOC_UNKNOWN,   /* no such city: cand holds the nearest (may be empty) */
    LOC_AMBIGUOUS, /* a city name without a state found in several states: cand */
};

struct loc_match {
    enum loc_kind kind;
    const struct research_city *city;  /* borrowed from the index's data */
    const struct research_city **cand; /* owned array of borrowed cities, largest first */
    size_t n_cand;
};

#define LOC_SUGGEST 5

/* Maps text to a city. Accepted: the canonical "City,State,United States";
 * "City,ST" / "City, State" / "City,ST,US"; "City ST" / "City State"
 * without commas; any case and spacing; "St."/"Saint", "Ft."/"Fort",
 * "Mt."/"Mount" alike. A state-less city name resolves only when one state
 * has it. Returns m->kind; release m with loc_match_release. */
enum loc_kind loc_resolve(const struct loc_index *ix, const char *text, struct loc_match *m);
void loc_match_release(struct loc_match *m);

/* The canonical "City,State,United States" of text, newly allocated, or
 * NULL after printing "PREFIX: unknown location 'TEXT'" (or "... is in
 * several states") and one "  did you mean ...?" line per candidate on
 * stderr. */
char *loc_canonical(const struct loc_index *ix, const char *prefix, const char *text);
/* A place named by text: *canon its canonical name (newly allocated) and,
 * when the city data has it, its coordinates. 1 with coordinates, 0
 * without (lat and lng untouched), -1 after error() as loc_canonical. */
int loc_place(const struct loc_index *ix, const char *prefix, const char *text, char **canon,
              double *lat, double *lng);

/* Cities matching text for `locations search`: the same city exactly,
 * then names starting with it, then near misses (edit distance), each
 * group largest first; only in state (code or name) when given, and text
 * may then be empty to list the state's cities. At most limit entries in
 * *out (owned array of borrowed cities; free it). Returns the count, -1
 * when state is not a US state (nothing printed). */
long loc_search(const struct loc_index *ix, const char *text, const char *state, size_t limit,
                const struct research_city ***out);

/* The state's full name for a two-letter code or a name in any case
 * ("tx", "texas" -> "Texas"); NULL when it is not a US state. Static. */
const char *loc_state_name(const char *code_or_name);

/* The cities of dir (research_data_dir() unless a --data folder was
 * given) with their index, for a command that checks locations. Prints the
 * error and returns -1 when the data cannot be read. Release with
 * loc_data_release (also after a failure). */
struct loc_data {
    struct research_data d;
    struct loc_index *ix; /* owned */
};
int loc_data_load(struct loc_data *ld, const char *dir);
void loc_data_release(struct loc_data *ld);

/* Levenshtein distance of a and b, stopping at max + 1. Exposed for tests. */
size_t loc_distance(const char *a, const char *b, size_t max);

#endif
