/* schema.c - the schema as a list of forward migrations: entry i takes a
 * database from user_version i to i + 1 and runs in its own transaction
 * (store.c). Never edit a released entry; append a new one.
 *
 * Size matters (issue 9: a year of daily top-100 for 1,000 keywords is
 * 36.5 M results): every repeated text is interned once (str, url), a
 * result is an interned (url, title, snippet) triple (entry), and a
 * check's result list is one varint-packed blob of (position, entry id)
 * pairs, about 4 bytes per result instead of a 20-byte row. The rank table
 * keeps what the rank, history and report queries need as plain rows. */

const char *const store_migrations[] = {
    /* 1: the initial schema */
    "CREATE TABLE site ("
    "  id INTEGER PRIMARY KEY,"
    "  domain TEXT NOT NULL UNIQUE,"
    "  name TEXT, client TEXT,"
    "  status TEXT NOT NULL DEFAULT 'idea'"
    "    CHECK (status IN ('idea','building','ranking','rented')),"
    "  rent REAL,"
    "  competitor INTEGER NOT NULL DEFAULT 0,"
    "  niche TEXT, phone TEXT,"
    "  created_at INTEGER NOT NULL);"
    "CREATE TABLE keyword ("
    "  id INTEGER PRIMARY KEY,"
    "  query TEXT NOT NULL,"
    "  engine TEXT NOT NULL,"
    "  location TEXT,"
    "  device TEXT NOT NULL,"
    "  lang TEXT NOT NULL,"
    "  country TEXT NOT NULL,"
    "  depth INTEGER NOT NULL,"
    "  tags TEXT,"
    "  site_id INTEGER REFERENCES site(id) ON DELETE SET NULL,"
    "  schedule TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL);"
    "CREATE UNIQUE INDEX keyword_key ON keyword"
    "  (query, engine, ifnull(location, ''), device, ifnull(site_id, 0));"
    "CREATE INDEX keyword_site ON keyword(site_id);"
    /* interned strings: domains, titles, snippets, local names */
    "CREATE TABLE str (id INTEGER PRIMARY KEY, s TEXT NOT NULL UNIQUE);"
    "CREATE TABLE url ("
    "  id INTEGER PRIMARY KEY,"
    "  url TEXT NOT NULL UNIQUE,"
    "  domain_id INTEGER NOT NULL);"
    "CREATE INDEX url_domain ON url(domain_id);"
    /* 0 = absent, so the unique key has no NULLs */
    "CREATE TABLE entry ("
    "  id INTEGER PRIMARY KEY,"
    "  url_id INTEGER NOT NULL, title_id INTEGER NOT NULL, snippet_id INTEGER NOT NULL,"
    "  UNIQUE (url_id, title_id, snippet_id));"
    "CREATE TABLE \"check\" ("
    "  id INTEGER PRIMARY KEY,"
    "  keyword_id INTEGER NOT NULL REFERENCES keyword(id) ON DELETE CASCADE,"
    "  checked_at INTEGER NOT NULL,"
    "  engine TEXT NOT NULL,"
    "  provider TEXT,"
    "  status INTEGER NOT NULL CHECK (status IN (0, 1, 2)),"
    "  reason TEXT,"
    "  http_status INTEGER NOT NULL DEFAULT 0,"
    "  depth INTEGER NOT NULL,"
    "  requests INTEGER NOT NULL DEFAULT 0,"
    "  total_results INTEGER,"
    "  features INTEGER NOT NULL DEFAULT 0,"
    "  block INTEGER NOT NULL DEFAULT 0,"
    "  no_results INTEGER NOT NULL DEFAULT 0,"
    "  query TEXT);"
    "CREATE INDEX check_kw_time ON \"check\"(keyword_id, checked_at);"
    "CREATE INDEX check_kw_status ON \"check\"(keyword_id, status, checked_at);"
    "CREATE INDEX check_time ON \"check\"(checked_at);"
    /* organic: (position, entry) pairs; ads: (position, bottom, entry);
     * local: (position, name str, website url, rating*100+1, reviews+1) */
    "CREATE TABLE result ("
    "  check_id INTEGER PRIMARY KEY REFERENCES \"check\"(id) ON DELETE CASCADE,"
    "  organic BLOB, ads BLOB, local BLOB);"
    "CREATE TABLE raw ("
    "  check_id INTEGER PRIMARY KEY REFERENCES \"check\"(id) ON DELETE CASCADE,"
    "  len INTEGER NOT NULL,"
    "  data BLOB NOT NULL);"
    /* Clustered by (site, keyword, time): a keyword's year for one site is
     * a few contiguous pages; keyword_id and checked_at are copies of the
     * check's, so rank and history never touch the check table's pages. */
    "CREATE TABLE rank ("
    "  site_id INTEGER NOT NULL REFERENCES site(id) ON DELETE CASCADE,"
    "  keyword_id INTEGER NOT NULL,"
    "  checked_at INTEGER NOT NULL,"
    "  check_id INTEGER NOT NULL REFERENCES \"check\"(id) ON DELETE CASCADE,"
    "  position INTEGER,"
    "  url_id INTEGER,"
    "  local INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (site_id, keyword_id, checked_at, check_id)) WITHOUT ROWID;"
    "CREATE UNIQUE INDEX rank_check ON rank(check_id, site_id);"
    /* best position and first day in the top 10 by index seeks */
    "CREATE INDEX rank_position ON rank(site_id, keyword_id, position, checked_at);"
    "CREATE TABLE volume ("
    "  query TEXT NOT NULL,"
    "  location TEXT NOT NULL DEFAULT '',"
    "  volume INTEGER, cpc REAL, competition REAL, source TEXT,"
    "  PRIMARY KEY (query, location)) WITHOUT ROWID;"
    "CREATE TABLE lead ("
    "  id INTEGER PRIMARY KEY,"
    "  site_id INTEGER NOT NULL REFERENCES site(id) ON DELETE CASCADE,"
    "  called_at INTEGER NOT NULL,"
    "  duration INTEGER NOT NULL DEFAULT 0,"
    "  caller TEXT, source TEXT, ext_id TEXT);"
    "CREATE UNIQUE INDEX lead_ext ON lead(ext_id) WHERE ext_id IS NOT NULL;"
    "CREATE INDEX lead_site_time ON lead(site_id, called_at);"
    "CREATE TABLE alert ("
    "  id INTEGER PRIMARY KEY,"
    "  raised_at INTEGER NOT NULL,"
    "  keyword_id INTEGER REFERENCES keyword(id) ON DELETE CASCADE,"
    "  site TEXT, rule TEXT NOT NULL, message TEXT NOT NULL,"
    "  sent INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX alert_time ON alert(raised_at);"
    "CREATE INDEX alert_keyword ON alert(keyword_id);"
    "CREATE TABLE usage ("
    "  at INTEGER NOT NULL,"
    "  provider TEXT NOT NULL,"
    "  engine TEXT NOT NULL,"
    "  requests INTEGER NOT NULL,"
    "  failures INTEGER NOT NULL);"
    "CREATE INDEX usage_time ON usage(at);",

    /* 2: a covering index for a keyword's checks, so history and the rank
     * table's latest-check lookup read one contiguous index range instead
     * of a page per day (a keyword's checks are spread over the table). */
    "CREATE INDEX check_kw_cover ON \"check\"(keyword_id, checked_at, status, depth);"
    "DROP INDEX check_kw_time;",

    /* 3: small named values the commands keep between runs. alert_watermark
     * = the id of the last check whose alerts were evaluated: every check
     * above it, whoever stored it (an interrupted run, `track`), is
     * evaluated by the next run (issue 12 #2). An existing database starts
     * at its latest check, so upgrading raises nothing for old history.
     * Check ids are reused after the newest checks are deleted, so the
     * trigger keeps the watermark at or below the largest id left. */
    "CREATE TABLE state (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;"
    "INSERT INTO state(key, value)"
    "  VALUES ('alert_watermark', (SELECT ifnull(max(id), 0) FROM \"check\"));"
    "CREATE TRIGGER check_delete_watermark AFTER DELETE ON \"check\" BEGIN"
    "  UPDATE state SET value = (SELECT ifnull(max(id), 0) FROM \"check\")"
    "    WHERE key = 'alert_watermark' AND value > (SELECT ifnull(max(id), 0) FROM \"check\");"
    "END;",

    /* 4: delivery of each alert per channel ('webhook', 'email'), so a
     * channel that is down is retried alone and the others never get an
     * alert twice (issue 12 #5). A row is delivered (delivered_at), given
     * up (gave_up_at, after [alerts] max_attempts or max_age_days) or
     * pending. alert.sent = 1 once every configured channel is delivered
     * or given up: that bounds the queue. */
    "CREATE TABLE alert_delivery ("
    "  alert_id INTEGER NOT NULL REFERENCES alert(id) ON DELETE CASCADE,"
    "  channel TEXT NOT NULL,"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  delivered_at INTEGER,"
    "  gave_up_at INTEGER,"
    "  last_error TEXT,"
    "  PRIMARY KEY (alert_id, channel)) WITHOUT ROWID;"
    "CREATE INDEX alert_unsent ON alert(sent) WHERE sent = 0;",

    /* 5 (issue 12 #6): smart depth numbering. pages = organic results per
     * page from page 1 as the check's positions were counted ("8,10,10");
     * a smart probe of a later page carries the earlier counts it numbered
     * with. NULL when unknown (checks from before, approximate probes).
     * approx = 1: positions assume 10 results a page (no counts known). */
    "ALTER TABLE \"check\" ADD COLUMN pages TEXT;"
    "ALTER TABLE \"check\" ADD COLUMN approx INTEGER NOT NULL DEFAULT 0;",

    /* 6 (issue 13): a site or keyword can be paused (never fetched, never
     * billed, history kept); a competitor belongs to one of our sites
     * (competitor_of, NULL = every site, as before); the local pack is
     * matched by website, else business_name, else phone. rank.local was
     * a flag; it becomes the pack position (0 = not in the pack). Old
     * rows only knew "in the pack": -1 keeps that without inventing a
     * position. */
    "ALTER TABLE site ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE site ADD COLUMN business_name TEXT;"
    "ALTER TABLE site ADD COLUMN competitor_of INTEGER REFERENCES site(id) ON DELETE SET NULL;"
    "ALTER TABLE keyword ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;"
    "UPDATE rank SET local = -1 WHERE local = 1;" /* MODEL_PACK_UNKNOWN */,

    /* 7 (issue 13 #2): the domain index (domain_index.c): any domain's
     * positions without unpacking every result list. Periods are 2^23 s
     * (checked_at >> 23): per keyword and period one dom_kw row (the
     * times of its ok checks, and per domain its packed positions),
     * dom_post the keywords and periods each domain is in. A deleted ok
     * check marks its keyword's period for a rebuild from the result
     * lists; a database with checks starts unbuilt (state.domain_index =
     * 0) and is built on first use. */
    "CREATE TABLE dom_kw ("
    "  keyword_id INTEGER NOT NULL, period INTEGER NOT NULL,"
    "  times BLOB NOT NULL, data BLOB NOT NULL,"
    "  PRIMARY KEY (keyword_id, period)) WITHOUT ROWID;"
    "CREATE TABLE dom_post ("
    "  domain_id INTEGER NOT NULL, keyword_id INTEGER NOT NULL, period INTEGER NOT NULL,"
    "  PRIMARY KEY (domain_id, keyword_id, period)) WITHOUT ROWID;"
    "CREATE TABLE dom_dirty ("
    "  keyword_id INTEGER NOT NULL, period INTEGER NOT NULL,"
    "  PRIMARY KEY (keyword_id, period)) WITHOUT ROWID;"
    "CREATE TRIGGER check_delete_domain AFTER DELETE ON \"check\" WHEN old.status = 0 BEGIN"
    "  INSERT OR IGNORE INTO dom_dirty(keyword_id, period)"
    "    VALUES (old.keyword_id, old.checked_at >> 23);"
    "END;"
    "INSERT OR REPLACE INTO state(key, value) VALUES ('domain_index',"
    "  CASE WHEN EXISTS (SELECT 1 FROM \"check\" WHERE status = 0) THEN 0 ELSE 1 END);",

    /* 8 (issue 12 #20): the keyword-ordered index of checks also covers
     * approx and features, so a report reads every keyword's history in
     * one index pass without a table page per check (0.32 s -> 0.10 s for
     * 700k checks); its prefix serves everything check_kw_cover did. */
    "CREATE INDEX check_kw_hist ON \"check\"(keyword_id, checked_at, status, depth, approx, features);"
    "DROP INDEX check_kw_cover;",

    /* 9 (issue 15 #5): the site's Search Console Queries export, one row
     * per (site, period, query); period_start/period_end are the UTC day
     * starts of its first and last day. A new import deletes the site's
     * imports whose periods overlap it, so importing again replaces. */
    "CREATE TABLE gsc_query ("
    "  site_id INTEGER NOT NULL REFERENCES site(id) ON DELETE CASCADE,"
    "  period_start INTEGER NOT NULL,"
    "  period_end INTEGER NOT NULL,"
    "  query TEXT NOT NULL,"
    "  clicks INTEGER NOT NULL,"
    "  impressions INTEGER NOT NULL,"
    "  ctr REAL NOT NULL,"
    "  position REAL NOT NULL,"
    "  imported_at INTEGER NOT NULL,"
    "  PRIMARY KEY (site_id, period_start, period_end, query)) WITHOUT ROWID;",

    /* 10 (issue 16): a location is an entity (a place: canonical name,
     * coordinates when known, a radius for a grid point or service area),
     * no longer a string in the keyword's identity. Checks and rank rows
     * carry the location they were made from (a keyword's own for now; a
     * geo-grid point's in issue 17, whose row/column belong to the grid's
     * table, since one point may serve several grids). Names compare
     * exactly, as the old keyword key did: two keywords that differed
     * only in a location's case stay two keywords. Every check is kept:
     * checks and rank rows of a keyword with a location get its id; only
     * those rows are rewritten. keyword.location goes once the new key
     * replaces the index that used it (DROP COLUMN: SQLite >= 3.35), so the
     * name lives only in location. '' was stored as "no location". */
    "CREATE TABLE location ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  lat REAL, lng REAL,"
    "  radius_m INTEGER);"
    "INSERT INTO location(name) SELECT DISTINCT location FROM keyword"
    "  WHERE location IS NOT NULL AND location <> '' ORDER BY location;"
    "ALTER TABLE keyword ADD COLUMN location_id INTEGER REFERENCES location(id);"
    "UPDATE keyword SET location_id = (SELECT l.id FROM location l WHERE l.name = keyword.location)"
    "  WHERE location IS NOT NULL AND location <> '';"
    "ALTER TABLE \"check\" ADD COLUMN location_id INTEGER REFERENCES location(id);"
    "UPDATE \"check\" SET location_id ="
    "  (SELECT k.location_id FROM keyword k WHERE k.id = \"check\".keyword_id)"
    "  WHERE keyword_id IN (SELECT id FROM keyword WHERE location_id IS NOT NULL);"
    "ALTER TABLE rank ADD COLUMN location_id INTEGER REFERENCES location(id);"
    "UPDATE rank SET location_id ="
    "  (SELECT k.location_id FROM keyword k WHERE k.id = rank.keyword_id)"
    "  WHERE keyword_id IN (SELECT id FROM keyword WHERE location_id IS NOT NULL);"
    "CREATE UNIQUE INDEX keyword_ident ON keyword"
    "  (query, engine, ifnull(location_id, 0), device, ifnull(site_id, 0));"
    "DROP INDEX keyword_key;"
    "ALTER TABLE keyword DROP COLUMN location;",

    /* 11 (issue 16): the work queue (queue.c). One task per
     * (keyword, UTC day): a keyword row fixes engine, location and device,
     * so that is DESIGN's (keyword, engine, location, device, day), unique
     * while active (available, running, retryable). A claim leases a task
     * to an owner until lease_until (milliseconds since the epoch: leases
     * are short and renewed); an expired lease is claimed again. A
     * retryable task waits until not_before (seconds). done and failed
     * tasks are history, pruned after a while. */
    "CREATE TABLE task ("
    "  id INTEGER PRIMARY KEY,"
    "  keyword_id INTEGER NOT NULL REFERENCES keyword(id) ON DELETE CASCADE,"
    "  day INTEGER NOT NULL,"
    "  state TEXT NOT NULL DEFAULT 'available'"
    "    CHECK (state IN ('available','running','done','failed','retryable')),"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  lease_owner TEXT,"
    "  lease_until INTEGER,"
    "  not_before INTEGER NOT NULL DEFAULT 0,"
    "  last_error TEXT,"
    "  created_at INTEGER NOT NULL,"
    "  done_at INTEGER);"
    "CREATE UNIQUE INDEX task_active ON task(keyword_id, day)"
    "  WHERE state IN ('available','running','retryable');"
    /* what a claim scans: the active tasks only, in keyword order */
    "CREATE INDEX task_claim ON task(state, keyword_id)"
    "  WHERE state IN ('available','running','retryable');"
    "CREATE INDEX task_keyword_day ON task(keyword_id, day, state);"
    "CREATE INDEX task_done ON task(done_at) WHERE done_at IS NOT NULL;",

    /* 12 (issue 17): geo-grids. A grid is one query for one site seen
     * from size x size points (or hex rings) around a centre; its
     * definition never changes once added (a scan is only comparable with
     * the scans of the same points). A scan keeps its points as one blob
     * (grid.c): a 21 x 21 scan is one row, not 441, so storing it and
     * reading a year of weekly scans stay a handful of page reads. Each
     * point keeps its own coordinates, so old scans draw where they were
     * made whatever the geometry code does later. */
    "CREATE TABLE grid ("
    "  id INTEGER PRIMARY KEY,"
    "  query TEXT NOT NULL,"
    "  site_id INTEGER NOT NULL REFERENCES site(id) ON DELETE CASCADE,"
    "  engine TEXT NOT NULL, device TEXT NOT NULL, lang TEXT NOT NULL, country TEXT NOT NULL,"
    "  location_id INTEGER REFERENCES location(id),"
    "  lat REAL NOT NULL, lng REAL NOT NULL,"
    "  size INTEGER NOT NULL CHECK (size BETWEEN 3 AND 21 AND size % 2 = 1),"
    "  spacing_m REAL NOT NULL CHECK (spacing_m > 0),"
    "  shape TEXT NOT NULL CHECK (shape IN ('square','hex')),"
    "  schedule TEXT NOT NULL,"
    "  paused INTEGER NOT NULL DEFAULT 0,"
    "  created_at INTEGER NOT NULL);"
    "CREATE UNIQUE INDEX grid_ident ON grid"
    "  (site_id, query, engine, device, lat, lng, size, spacing_m, shape);"
    "CREATE TABLE grid_scan ("
    "  id INTEGER PRIMARY KEY,"
    "  grid_id INTEGER NOT NULL REFERENCES grid(id) ON DELETE CASCADE,"
    "  checked_at INTEGER NOT NULL,"
    "  requests INTEGER NOT NULL DEFAULT 0,"
    "  n_points INTEGER NOT NULL,"
    "  points BLOB NOT NULL);"
    "CREATE INDEX grid_scan_time ON grid_scan(grid_id, checked_at);",

    /* 13 (issue 18): an AI overview's cited links per check, in citation
     * order, by interned URL and title. check.ai_cites is their count for
     * a check whose page had an overview; NULL for every other check and
     * for checks stored before this version, so an old overview reads as
     * "cites unknown", never as "not cited". A check without an overview
     * stores nothing here. */
    "ALTER TABLE \"check\" ADD COLUMN ai_cites INTEGER;"
    "CREATE TABLE ai_cite ("
    "  check_id INTEGER NOT NULL REFERENCES \"check\"(id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  url_id INTEGER NOT NULL,"
    "  title_id INTEGER NOT NULL," /* 0 = no title */
    "  PRIMARY KEY (check_id, position)) WITHOUT ROWID;",

    /* 14 (issue 18): tasks posted to a provider's queue (DataForSEO's
     * standard queue). A task is billed when posted, so its id is kept
     * the moment the post is answered: a run killed before collecting it
     * collects it next time instead of paying for it again. state: 0
     * posted, 1 collected, 2 given up (the provider lost or refused it). */
    "CREATE TABLE provider_task ("
    "  provider TEXT NOT NULL,"
    "  task_id TEXT NOT NULL,"
    "  keyword_id INTEGER NOT NULL REFERENCES keyword(id) ON DELETE CASCADE,"
    "  posted_at INTEGER NOT NULL,"
    "  state INTEGER NOT NULL DEFAULT 0 CHECK (state IN (0, 1, 2)),"
    "  PRIMARY KEY (provider, task_id)) WITHOUT ROWID;"
    "CREATE INDEX provider_task_open ON provider_task(keyword_id, provider, state, posted_at);"
    /* What a provider bills, in its base price's units: DataForSEO bills a
     * task's first page of 10 at the base price and each further page at
     * 0.75 of it. NULL on older rows: one unit a request. */
    "ALTER TABLE usage ADD COLUMN units REAL;",
};

const int store_n_migrations = (int)(sizeof store_migrations / sizeof store_migrations[0]);
