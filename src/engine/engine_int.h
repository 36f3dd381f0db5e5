/* engine_int.h - helpers shared by the engine and provider files of
 * src/engine/ (not a public interface). */
#ifndef SERPTRACK_ENGINE_INT_H
#define SERPTRACK_ENGINE_INT_H

#include "config.h"
#include "engine.h"
#include "url.h"

/* Appends "&name=<encoded value>" (or "?name=" when first); NULL is "". */
void engine_param(strbuf *sb, const char *name, const char *value);
void engine_param_int(strbuf *sb, const char *name, long long value);
/* s unless NULL or empty, else def (static or borrowed). */
const char *engine_or_def(const char *s, const char *def);
/* base (a configured base_url, may be NULL) without trailing slashes, or
 * def when base is NULL; newly allocated, NULL when both are unset. */
char *engine_base_url(const char *base, const char *def);
/* The engine's own result-page URL under base; newly allocated. */
char *engine_direct_url(const struct engine_desc *e, const char *base,
                        const struct model_keyword *k, int page);

/* The default provider (engine_provider_get's fallback). */
extern const struct engine_provider_desc engine_direct;

#endif
