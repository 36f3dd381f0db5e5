"""lxml_parse.py - the SearXNG approach to reading a result page: lxml's
html.fromstring (libxml2 underneath) and XPath per result. Written for this
benchmark with the same extraction as serptrack's; prints seconds for REPS
passes over the files."""
import sys
import time

from lxml import html

XPATH = ('//div[@id="search"]//a[h3] | //div[@id="main"]//a[h3]'
         ' | //li[contains(@class,"b_algo")]//h2/a | //a[contains(@class,"result__a")]')


def extract(data):
    dom = html.fromstring(data)
    out = []
    for a in dom.xpath(XPATH):
        url = a.get('href') or ''
        title = a.text_content().strip()
        if url and title:
            out.append((len(out) + 1, url, title))
    return out


def main():
    reps = int(sys.argv[1])
    pages = [open(f, 'rb').read() for f in sys.argv[2:]]
    found = 0
    t0 = time.perf_counter()
    for _ in range(reps):
        for p in pages:
            found += len(extract(p))
    print('lxml_s=%.3f' % (time.perf_counter() - t0))
    print('lxml_found=%d' % (found // reps))


if __name__ == '__main__':
    main()
