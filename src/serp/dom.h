/* dom.h - small helpers over libxml2's HTML tree shared by the engine
 * parsers (internal to src/serp/). Walking the tree directly is cheaper
 * than XPath for the class/id tests the parsers need; see issue 8's
 * performance target. All returned const char * are borrowed from the
 * document and live as long as it does. */
#ifndef SERPTRACK_SERP_DOM_H
#define SERPTRACK_SERP_DOM_H

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "serp.h"
#include "util.h"

/* Parses page bytes (charset from the page's meta or sniffed); NULL when
 * libxml2 gives up. Caller frees with xmlFreeDoc(). */
/* As dom_parse, on bytes already stripped of script/style bodies (or when
 * they must be kept). */
htmlDocPtr dom_parse_raw(const char *buf, size_t len);
htmlDocPtr dom_parse(const char *buf, size_t len);

/* 1 when n is an element named name (lower-case). */
int dom_is(const xmlNode *n, const char *name);
/* Attribute value, borrowed; NULL when absent. */
const char *dom_attr(const xmlNode *n, const char *name);
/* 1 when n's class attribute has the token cls. */
int dom_has_class(const xmlNode *n, const char *cls);
/* 1 when n's class attribute has a token starting with prefix. */
int dom_has_class_prefix(const xmlNode *n, const char *prefix);
int dom_id_is(const xmlNode *n, const char *id);
/* 1 when a class attribute value (NULL-safe) has the token cls; lets a
 * walker read the attribute once and test many classes. */
int dom_class_has(const char *list, const char *cls);

/* Next element after n in document order, staying inside root (NULL at
 * the end). skip_children jumps over n's subtree. */
xmlNode *dom_next(const xmlNode *n, const xmlNode *root, int skip_children);

/* The phone number a local pack entry e shows: a tel: link's, else the
 * first one (serp_find_phone) in the text of an element of e without
 * child elements. A new string, or NULL; the caller frees it. */
char *dom_phone(const xmlNode *e);

typedef int (*dom_pred)(const xmlNode *n, const void *arg);
/* First element in root's subtree (root excluded) with pred true. */
xmlNode *dom_find(const xmlNode *root, dom_pred pred, const void *arg);
/* Nearest ancestor (n excluded) with pred true, not above stop (NULL = root),
 * at most 256 levels up. */
xmlNode *dom_ancestor(const xmlNode *n, const xmlNode *stop, dom_pred pred, const void *arg);

/* Ready-made predicates: arg is a tag name, a class, or an id. */
int dom_pred_tag(const xmlNode *n, const void *tag);
int dom_pred_class(const xmlNode *n, const void *cls);
int dom_pred_id(const xmlNode *n, const void *id);

xmlNode *dom_by_id(const xmlDoc *doc, const char *id);
xmlNode *dom_body(const xmlDoc *doc);

/* Appends the text of n's subtree (script/style skipped) to sb, as is.
 * Iterative (no recursion on hostile nesting). The limited form stops once
 * sb holds max_bytes or max_nodes nodes were visited. */
void dom_text(const xmlNode *n, strbuf *sb);
void dom_text_limited(const xmlNode *n, strbuf *sb, size_t max_bytes, size_t max_nodes);
/* Text of n's subtree, whitespace squeezed; caller frees. */
char *dom_text_dup(const xmlNode *n);

/* 1 when buf is valid UTF-8 without NUL bytes; util_utf8_valid's answer,
 * eight ASCII bytes at a time (it runs over every page). */
int dom_utf8_clean(const char *buf, size_t len);

/* Search of needle in the raw bytes: exact (fast, for markup) and
 * case-insensitive (for prose, on rare paths). */
int dom_bytes_contain(const char *buf, size_t len, const char *needle);
int dom_bytes_contain_ci(const char *buf, size_t len, const char *needle);

/* "About 1,230,000 results" in any locale: the first digit run with
 * separators (, . space, NBSP, thin space, ') read as a count; -1 if none. */
long long serp_parse_count(const char *text);

/* Resolves an engine link to the real target through each engine's
 * unwrap (its redirect wrapper); relative links are made absolute against
 * base (the engine's own host).
 * Returns a new string, or NULL when href is empty/javascript:. */
char *serp_unwrap_url(const char *href, const char *base);

/* base64url (or plain base64), padding optional; NULL when invalid or
 * when the result has NULs. Caller frees. */
char *serp_b64url_decode(const char *s);

/* Block detection shared by the engines (block.c). Before extraction:
 * what the status and bytes alone prove (429/503, empty body);
 * SERP_BLOCK_NONE when extraction should go on. */
enum serp_block serp_block_before(const char *buf, size_t len, int http_status);
/* After extraction: for pages without any organic result, captcha and
 * bot-challenge markup; a cut-off body (truncated); then for pages without
 * results a genuine "no results" page (page->no_results), the consent
 * wall, the JavaScript shell or no result markup at all (empty). */
void serp_block_after(const char *buf, size_t len, struct serp_page *page);
/* 1 when the bytes do not look like HTML at all (binary, no tags). */
int serp_not_html(const char *buf, size_t len);

#endif
