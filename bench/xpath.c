/* xpath.c - why the HTML parsers walk libxml2's tree instead of asking
 * XPath: the bare parse of the Google pages, then the ten `//` queries a
 * result page needs (results, ads top/bottom, people also ask, carousels,
 * stats, next link, local pack, videos, knowledge panel) evaluated on the
 * parsed tree, next to serptrack's full extraction of the same pages.
 * key=value lines for bench/run.sh. */
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "serp.h"
#include "util.h"
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec/1e9;}
static const char *xps[] = {
 "//a[h3]", "//*[@id='tads']//a", "//*[@id='bottomads']//a", "//*[contains(concat(' ',@class,' '),' related-question-pair ')]",
 "//g-section-with-header", "//*[@id='result-stats']", "//a[@id='pnnext']", "//*[contains(concat(' ',@class,' '),' VkpGBb ')]",
 "//video-voyager", "//*[contains(concat(' ',@class,' '),' kp-wholepage ')]",
};
int main(int argc,char**argv){
  int reps=atoi(argv[1]); double bare=0,xp=0,full=0;
  for(int a=2;a<argc;a++){ char*buf;size_t len; if(util_read_file(argv[a],1<<26,&buf,&len))continue;
    for(int r=0;r<reps;r++){
      double t0=now(); htmlDocPtr d=htmlReadMemory(buf,(int)len,NULL,NULL,HTML_PARSE_RECOVER|HTML_PARSE_NOERROR|HTML_PARSE_NOWARNING|HTML_PARSE_NONET|HTML_PARSE_COMPACT);
      double t1=now(); xmlXPathContextPtr c=xmlXPathNewContext(d);
      for(size_t i=0;i<sizeof xps/sizeof*xps;i++){xmlXPathObjectPtr o=xmlXPathEvalExpression((const xmlChar*)xps[i],c);xmlXPathFreeObject(o);}
      xmlXPathFreeContext(c); double t2=now(); xmlFreeDoc(d);
      struct serp_page p; double t3=now(); serp_parse(SERP_GOOGLE,buf,len,0,&p); double t4=now(); serp_page_release(&p);
      bare+=t1-t0; xp+=t2-t1; full+=t4-t3; }
    free(buf);}
  printf("xpath_bare_s=%.3f\nxpath_queries_s=%.3f\nxpath_walk_full_s=%.3f\n", bare, xp, full);
}
