// cheerio_parse.js - the SerpBear approach to reading a result page: load the
// whole page into cheerio, then walk result headings with CSS selectors.
// Written for this benchmark (same extraction as serptrack's: organic title
// and link per result); prints seconds for REPS passes over the files.
'use strict';
const fs = require('fs');
const cheerio = require('cheerio');

const reps = parseInt(process.argv[2], 10);
const pages = process.argv.slice(3).map((f) => fs.readFileSync(f, 'latin1'));
function extract(html) {
  const $ = cheerio.load(html);
  const out = [];
  $('body #search h3, body #main h3, li.b_algo h2, a.result__a').each((i, el) => {
    const a = $(el).closest('a').length ? $(el).closest('a') : $(el).find('a');
    const url = a.attr('href') || '';
    const title = $(el).text().trim();
    if (url && title) out.push({ position: out.length + 1, url, title });
  });
  return out;
}
let found = 0;
const t0 = process.hrtime.bigint();
for (let r = 0; r < reps; r++) for (const p of pages) found += extract(p).length;
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`cheerio_s=${secs.toFixed(3)}`);
console.log(`cheerio_found=${found / reps}`);
