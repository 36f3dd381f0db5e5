/* url.h - URL pieces and registrable domains. Host extraction goes through
 * libcurl's URL API and registrable domains through libpsl, so
 * blog.example.co.uk belongs to example.co.uk and example.com.evil.io does
 * not belong to example.com. All returned strings are owned by the caller. */
#ifndef SERPTRACK_URL_H
#define SERPTRACK_URL_H

#include <stddef.h>

/* Lower-case host of an absolute http(s) URL, or of a bare host name
 * ("www.example.com"); NULL when there is none. Internationalised names
 * come back as A-labels ("BÜCHER.DE" -> "xn--bcher-kva.de"); an authority
 * holding a backslash, space or control character has no host. */
char *url_host(const char *url);
/* The Unicode spelling of an A-label host ("xn--bcher-kva.de" ->
 * "bücher.de") to show beside it; NULL when it has none. */
char *url_host_unicode(const char *host);
/* Registrable domain (eTLD+1) of a URL or host: "https://www.a.b.co.uk/x"
 * -> "b.co.uk". For hosts that are IP addresses or unknown suffixes the
 * host itself. NULL when no host. */
char *url_domain(const char *url_or_host);
/* 1 when url's registrable domain equals site's registrable domain. */
int url_matches_site(const char *url, const char *site);
/* Percent-decoding ('+' stays '+'); returns a new string. */
char *url_decode(const char *s, size_t len);
/* Percent-encoding of everything but unreserved characters (RFC 3986). */
char *url_encode(const char *s);
/* Value of query parameter name in url, decoded; NULL when absent. */
char *url_query_param(const char *url, const char *name);
/* 1 for http:// and https:// URLs (case-insensitive scheme). */
int url_is_http(const char *url);
/* url made safe to print in a message: the password of the user-info, a
 * token-like user name, token-like path segments, query values and
 * fragment (or any value of a key/token/secret/pass... parameter) become
 * "***", and registered secrets are masked. Works on malformed input too
 * (no scheme, "user:pass@host:port"). NULL in, NULL out; else owned. */
char *url_redact(const char *url);

#endif
