/* serp_engines.h - the engine ids: one row per engine, the same rows in
 * the same order as the descriptor tables (serp_engine_table in
 * src/serp/engines.c, engine_table in src/engine/engine.c). Only ids live
 * here; everything an engine is lives in its descriptors. */
#ifndef SERPTRACK_SERP_ENGINES_H
#define SERPTRACK_SERP_ENGINES_H

enum serp_engine {
    SERP_ENGINE_UNKNOWN = 0,
    SERP_GOOGLE,
    SERP_BING,
    SERP_DUCKDUCKGO,
    SERP_ENGINE_IDS /* not an engine: one past the last id, sizes arrays indexed by id */
};

/* The engine of a keyword or a research command that names none; the
 * first row of the tables, so help strings mark it "(default)". */
#define SERP_ENGINE_DEFAULT SERP_GOOGLE

#endif
