/* duckduckgo.c - stub. */
#include "dom.h"
void serp_ddg_extract(const xmlDoc *doc, struct serp_page *page) { (void)doc; (void)page; }
