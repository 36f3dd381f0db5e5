/* reason.c - the stable codes of why a check failed, for `rank`, `doctor`
 * and the store: a stored reason is free text for people ("serp-api:
 * bad_key: Invalid API key."), its code the part scripts can rely on.
 * Reasons stored before codes existed are coded the same way. */
#include <string.h>

#include "crawl.h"
#include "util.h"

static const char *const refusal_codes[] = {
    [ENGINE_REFUSAL_OTHER] = "api_error",
    [ENGINE_REFUSAL_CAPTCHA] = "captcha",
    [ENGINE_REFUSAL_CREDITS] = "no_credits",
    [ENGINE_REFUSAL_BAD_KEY] = "bad_key",
    [ENGINE_REFUSAL_RATE_LIMIT] = "rate_limited",
};

const char *crawl_refusal_code(enum engine_refusal r)
{
    if ((unsigned)r >= ARRAY_SIZE(refusal_codes) || !refusal_codes[r])
        return refusal_codes[ENGINE_REFUSAL_OTHER];
    return refusal_codes[r];
}

/* 1 when s starts with word followed by the end, ':', ' ' or '('. */
static int starts_word(const char *s, const char *word)
{
    size_t n = strlen(word);
    return strncmp(s, word, n) == 0 &&
           (s[n] == '\0' || s[n] == ':' || s[n] == ' ' || s[n] == '(');
}

/* "<provider>: <code>: message" (or, stored before codes, "<provider>:
 * message", classified now as the provider would); NULL when reason does
 * not start with a provider's name. */
static const char *provider_code(const char *reason)
{
    const char *colon = strstr(reason, ": ");
    if (!colon || colon == reason || colon - reason > 40)
        return NULL;
    char name[48];
    memcpy(name, reason, (size_t)(colon - reason));
    name[colon - reason] = '\0';
    const struct engine_provider_desc *pd = engine_provider_by_name(name);
    if (!pd)
        return NULL;
    const char *rest = colon + 2;
    static const char *const others[] = {"empty"};
    for (size_t i = 0; i < ARRAY_SIZE(refusal_codes); i++)
        if (refusal_codes[i] && starts_word(rest, refusal_codes[i]) &&
            (rest[strlen(refusal_codes[i])] == ':' || rest[strlen(refusal_codes[i])] == '\0'))
            return refusal_codes[i];
    for (size_t i = 0; i < ARRAY_SIZE(others); i++)
        if (starts_word(rest, others[i]) && rest[strlen(others[i])] == ':')
            return others[i];
    return crawl_refusal_code(engine_classify(pd->id, rest, 0));
}

const char *crawl_reason_code(enum model_status st, const char *reason)
{
    if (st == MODEL_OK || !reason || !*reason)
        return NULL;
    for (int b = SERP_BLOCK_NONE + 1;; b++) {
        const char *name = serp_block_name((enum serp_block)b);
        if (!name)
            break;
        if (starts_word(reason, name) && reason[strlen(name)] != ':')
            return name;
    }
    const char *pc = provider_code(reason);
    if (pc)
        return pc;
    static const struct {
        const char *word, *code;
    } transport[] = {
        {"timeout", "timeout"},     {"connection", "connection"}, {"http", "http_error"},
        {"too_large", "too_large"}, {"budget", "budget"},         {"cooldown", "cooldown"},
        {"unparsable", "unparsable"}, {"no response", "connection"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(transport); i++)
        if (starts_word(reason, transport[i].word))
            return transport[i].code;
    return "other";
}
