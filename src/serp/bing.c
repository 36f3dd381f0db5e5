/* bing.c - Bing result pages (stub until the Bing family lands). */
#include "dom.h"
void serp_bing_extract(const xmlDoc *doc, struct serp_page *page) { (void)doc; (void)page; }
