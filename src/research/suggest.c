/* suggest.c - parsers for autocomplete answers: Google's toolbar XML
 * (libxml2's XML parser, no network access, no entity expansion) and the
 * OpenSearch JSON (jansson); which one an engine answers is in its
 * descriptor (serp_engine_desc.suggest). Pure, so fuzzable. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include <jansson.h>

#include "research.h"
#include "util.h"

#define SUGGEST_MAX_BYTES (4u << 20)

static int add_text(struct research_list *out, const char *s, size_t len)
{
    char *clean = util_utf8_sanitize(s, len);
    char *n = research_normalise(clean);
    int added = *n ? research_list_add_unique(out, n) : 0;
    free(n);
    free(clean);
    return added;
}

static int parse_toolbar_xml(const char *buf, size_t len, struct research_list *out)
{
    xmlDocPtr doc = xmlReadMemory(buf, (int)len, "suggest.xml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc)
        return -1;
    xmlXPathContextPtr xp = xmlXPathNewContext(doc);
    /* the document order of the answer is Google's ranking of the suggestions */
    xmlXPathObjectPtr r =
        xp ? xmlXPathEvalExpression(
                 (const xmlChar *)"/toplevel/CompleteSuggestion/suggestion/@data", xp)
           : NULL;
    int added = -1;
    if (r && xmlDocGetRootElement(doc) &&
        xmlStrcmp(xmlDocGetRootElement(doc)->name, (const xmlChar *)"toplevel") == 0) {
        added = 0;
        xmlNodeSetPtr ns = r->nodesetval;
        for (int i = 0; ns && i < ns->nodeNr; i++) {
            xmlChar *data = xmlNodeGetContent(ns->nodeTab[i]);
            if (data) {
                added += add_text(out, (const char *)data, strlen((const char *)data));
                xmlFree(data);
            }
        }
    }
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(xp);
    xmlFreeDoc(doc);
    return added;
}

static int parse_json(const char *buf, size_t len, struct research_list *out)
{
    json_error_t jerr;
    json_t *j = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!j)
        return -1;
    int added = 0, ok = 0;
    if (json_is_array(j) && json_array_size(j) >= 2 && json_is_array(json_array_get(j, 1))) {
        /* OpenSearch: ["seed", ["s1", "s2", ...], ...] */
        json_t *list = json_array_get(j, 1), *v;
        size_t i;
        ok = 1;
        json_array_foreach(list, i, v)
        {
            if (json_is_string(v))
                added += add_text(out, json_string_value(v), json_string_length(v));
        }
    } else if (json_is_array(j)) {
        /* the list form some ac/ endpoints answer: [{"phrase":"..."}, ...] */
        json_t *v;
        size_t i;
        ok = 1;
        json_array_foreach(j, i, v)
        {
            json_t *ph = json_is_object(v) ? json_object_get(v, "phrase") : NULL;
            if (json_is_string(ph))
                added += add_text(out, json_string_value(ph), json_string_length(ph));
            else if (!json_is_object(v))
                ok = 0;
        }
    }
    json_decref(j);
    return ok ? added : -1;
}

int research_suggest_parse(enum serp_engine e, const char *buf, size_t len,
                           struct research_list *out)
{
    if (!buf || len == 0 || len > SUGGEST_MAX_BYTES)
        return -1;
    const struct serp_engine_desc *d = serp_engine_get(e);
    if (!d)
        return -1;
    if (d->suggest == SERP_SUGGEST_OPENSEARCH)
        return parse_json(buf, len, out);
    /* Toolbar XML for output=toolbar, but JSON clients (client=firefox)
     * get the OpenSearch shape: accept both. */
    for (size_t i = 0; i < len; i++) {
        if (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t')
            continue;
        if (buf[i] == '[')
            return parse_json(buf, len, out);
        break;
    }
    return parse_toolbar_xml(buf, len, out);
}
