/* trackout.h - what `track` and `run` print about a track/ pipeline run:
 * the sink that turns its messages into the one message sink's lines, the
 * progress bar, and the summary line. Internal to src/cmd/. */
#ifndef SERPTRACK_TRACKOUT_H
#define SERPTRACK_TRACKOUT_H

#include "track.h"

/* The state of one progress bar; zero-initialise. */
struct trackout {
    double last_draw;
};

/* A sink for track/: messages to info()/warn()/error(), and the progress
 * bar on stderr when bar is 1. t must outlive the sink's use. */
struct track_sink trackout_sink(struct trackout *t, int bar);
/* "12 checked: 10 ok, 1 blocked, 1 error; 36 requests in 4.2 s". */
void trackout_summary(const char *label, const struct track_stats *s);
/* One line per [budget] cap that stopped fetching, always shown: what was
 * not fetched is still due. */
void trackout_budget(const struct track_stats *s);

#endif
