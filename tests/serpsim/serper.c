/* serper.c - the simulated Serper API (google.serper.dev): POST /search and
 * /maps with a JSON body and the X-API-KEY header, answered in Serper's
 * shapes from the same ranking model as the direct Google pages, so every
 * provider ranks alike.
 *
 * Key triggers: missing or "bad" -> 403 Unauthorized, "nocredits" -> 400
 * Not enough credits, "ratelimit" -> 429. Drawn faults: "429" -> 429,
 * "500" -> 500, "captcha" -> 503 with a message naming Google's CAPTCHA
 * (our choice: Serper documents no shape for a search Google refused). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

/* Serper's refusal shape: {"message": ..., "statusCode": N}. */
static void serper_error(struct sim_api_reply *out, int status, const char *msg)
{
    out->status = status;
    buf_add(&out->body, "{\"message\":");
    buf_json(&out->body, msg);
    buf_printf(&out->body, ",\"statusCode\":%d}\n", status);
}

/* 1 when the request was refused (out filled): method, key, faults. */
static int refused(const struct sim_api_req *rq, struct sim_api_reply *out)
{
    const char *key = rq->api_key;
    if (strcmp(rq->method, "POST") != 0) {
        serper_error(out, 405, "Method not allowed. Use POST with a JSON body.");
        return 1;
    }
    if (!key || !*key || strcmp(key, "bad") == 0) {
        serper_error(out, 403, "Unauthorized.");
        return 1;
    }
    if (strcmp(key, "nocredits") == 0) {
        serper_error(out, 400, "Not enough credits");
        return 1;
    }
    if (strcmp(key, "ratelimit") == 0 || (rq->fault && strcmp(rq->fault, "429") == 0)) {
        out->retry_after = 2;
        serper_error(out, 429, "Too many requests, please slow down.");
        return 1;
    }
    if (rq->fault && strcmp(rq->fault, "500") == 0) {
        serper_error(out, 500, "Internal server error");
        return 1;
    }
    if (rq->fault && strcmp(rq->fault, "captcha") == 0) {
        serper_error(out, 503, "Google returned a CAPTCHA (unusual traffic), please retry later.");
        return 1;
    }
    return 0;
}

static void place_json(struct buf *b, const struct sim_place *pl, int pos, int coords)
{
    buf_printf(b, "{\"position\":%d,\"title\":", pos);
    buf_json(b, pl->name);
    buf_add(b, ",\"address\":");
    buf_json(b, pl->address);
    if (coords)
        buf_printf(b, ",\"latitude\":%.7f,\"longitude\":%.7f", pl->lat, pl->lng);
    buf_printf(b, ",\"rating\":%.1f,\"ratingCount\":%d,\"category\":", pl->rating, pl->reviews);
    buf_json(b, pl->category);
    if (pl->phone[0]) {
        buf_add(b, ",\"phoneNumber\":");
        buf_json(b, pl->phone);
    }
    if (pl->website[0]) {
        buf_add(b, ",\"website\":");
        buf_json(b, pl->website);
    }
    buf_printf(b, ",\"cid\":\"%llu\"}", (unsigned long long)(sim_hash(pl->name, 4) >> 1));
}

/* POST /maps {"q", "ll": "@lat,lng,ZOOMz", "hl"}: the Maps list there. */
static void maps(const char *q, const json_t *body, int day, struct sim_api_reply *out)
{
    const char *ll = json_string_value(json_object_get(body, "ll"));
    struct sim_point pt;
    if (!ll || sim_ll_parse(ll, &pt) < 0) {
        serper_error(out, 400, "Invalid ll parameter, expected @latitude,longitude,zoomz");
        return;
    }
    struct sim_serp *s = malloc(sizeof *s);
    if (!s) {
        serper_error(out, 500, "Internal server error");
        return;
    }
    sim_serp_build_at(s, "google", q, "", day, &pt);
    const char *hl = json_string_value(json_object_get(body, "hl"));
    struct buf *b = &out->body;
    buf_add(b, "{\"searchParameters\":{\"q\":");
    buf_json(b, q);
    buf_add(b, ",\"hl\":");
    buf_json(b, hl ? hl : "en");
    buf_add(b, ",\"type\":\"maps\",\"ll\":");
    buf_json(b, ll);
    buf_add(b, ",\"engine\":\"google\"},\"ll\":");
    buf_json(b, ll);
    buf_add(b, ",\"places\":[");
    for (int i = 0; i < s->nmaps; i++) {
        buf_add(b, i ? "," : "");
        place_json(b, &s->maps[i], i + 1, 1);
    }
    buf_add(b, "],\"credits\":3}\n");
    out->status = 200;
    free(s);
}

static long long int_or(const json_t *v, long long def)
{
    return json_is_integer(v) ? json_integer_value(v) : def;
}

/* POST /search {"q", "gl", "hl", "location", "num", "page"}. */
static void search(const char *q, const json_t *body, int day, struct sim_api_reply *out)
{
    const char *gl = json_string_value(json_object_get(body, "gl"));
    const char *hl = json_string_value(json_object_get(body, "hl"));
    const char *loc = json_string_value(json_object_get(body, "location"));
    long long num = int_or(json_object_get(body, "num"), 10);
    long long page = int_or(json_object_get(body, "page"), 1);
    if (num < 1 || num > 100 || page < 1 || page > 100) {
        serper_error(out, 400, "Invalid num or page parameter");
        return;
    }
    char key[200];
    if (loc && *loc)
        sim_location_name_key(loc, key, sizeof key);
    else
        snprintf(key, sizeof key, "%s", gl ? gl : "us");
    struct sim_serp *s = malloc(sizeof *s);
    if (!s) {
        serper_error(out, 500, "Internal server error");
        return;
    }
    sim_serp_build_at(s, "google", q, key, day, NULL);
    struct buf *b = &out->body;
    buf_add(b, "{\"searchParameters\":{\"q\":");
    buf_json(b, q);
    buf_add(b, ",\"gl\":");
    buf_json(b, gl ? gl : "us");
    buf_add(b, ",\"hl\":");
    buf_json(b, hl ? hl : "en");
    if (loc && *loc) {
        buf_add(b, ",\"location\":");
        buf_json(b, loc);
    }
    buf_printf(b, ",\"type\":\"search\",\"num\":%lld,\"page\":%lld,\"engine\":\"google\"}", num, page);
    buf_add(b, ",\"organic\":[");
    long long from = (page - 1) * num, to = page * num;
    if (to > s->norg)
        to = s->norg;
    for (long long i = from; i < to; i++) {
        const struct sim_hit *h = &s->org[i];
        buf_add(b, i > from ? ",{\"title\":" : "{\"title\":");
        buf_json(b, h->title);
        buf_add(b, ",\"link\":");
        buf_json(b, h->url);
        buf_add(b, ",\"snippet\":");
        buf_json(b, h->snippet);
        buf_printf(b, ",\"position\":%lld}", i + 1);
    }
    buf_add(b, "]");
    if (page == 1 && s->nplaces > 0) {
        buf_add(b, ",\"places\":[");
        for (int i = 0; i < s->nplaces; i++) {
            buf_add(b, i ? "," : "");
            place_json(b, &s->places[i], i + 1, 0);
        }
        buf_add(b, "]");
    }
    if (page == 1 && s->npaa > 0) {
        buf_add(b, ",\"peopleAlsoAsk\":[");
        for (int i = 0; i < s->npaa; i++) {
            buf_add(b, i ? ",{\"question\":" : "{\"question\":");
            buf_json(b, s->paa[i]);
            buf_add(b, "}");
        }
        buf_add(b, "]");
    }
    /* Serper bills 1 credit per request of up to 10 results, 2 above. */
    buf_printf(b, ",\"credits\":%d}\n", num > 10 ? 2 : 1);
    out->status = 200;
    free(s);
}

void sim_serper(const struct sim_api_req *rq, struct sim_api_reply *out)
{
    int is_search = strcmp(rq->path, "/search") == 0, is_maps = strcmp(rq->path, "/maps") == 0;
    if (!is_search && !is_maps) {
        serper_error(out, 404, "Not found");
        return;
    }
    if (refused(rq, out))
        return;
    json_error_t jerr;
    json_t *body = rq->body ? json_loadb(rq->body, rq->body_len, 0, &jerr) : NULL;
    const char *q = json_string_value(json_object_get(body, "q"));
    if (!json_is_object(body)) {
        serper_error(out, 400, "Invalid JSON body");
    } else if (!q || !*q) {
        serper_error(out, 400, "Missing query parameter q");
    } else if (is_maps) {
        maps(q, body, rq->day, out);
    } else {
        search(q, body, rq->day, out);
    }
    json_decref(body);
}
