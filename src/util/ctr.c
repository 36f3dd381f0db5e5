/* ctr.c - the click-through-rate curves by organic and by local pack
 * position (numbers and sources in include/ctr.h). A table, not a fitted formula, so the numbers
 * can be read and checked against the study. */
#include "ctr.h"

static const double ctr_top[] = {
    0.285, 0.157, 0.110, 0.080, 0.072, 0.051, 0.040, 0.032, 0.028, 0.025, /* 1-10: Sistrix 2020 */
    0.015, 0.012, 0.010, 0.009, 0.008, 0.007, 0.006, 0.005, 0.005, 0.004, /* 11-20: page two */
};

double ctr_at(int position)
{
    if (position < 1 || position > 50)
        return 0.0;
    if (position <= (int)(sizeof(ctr_top) / sizeof(ctr_top[0])))
        return ctr_top[position - 1];
    if (position <= 30)
        return 0.002; /* page three: a trickle */
    return 0.001;
}

double ctr_visibility(int position)
{
    return ctr_at(position) / ctr_top[0];
}

/* 1-3: the 3-pack's 44 %; 4-20: the 8 % who open "more places" */
static const double ctr_pack[] = {
    0.240, 0.120, 0.080,                                /* 1-3: the pack */
    0.014, 0.011, 0.009, 0.008, 0.007, 0.006, 0.005,    /* 4-10: Maps list */
    0.002, 0.002, 0.002, 0.002, 0.002, 0.002, 0.002, 0.002, 0.002, 0.002, /* 11-20 */
};

double ctr_pack_at(int position)
{
    if (position < 1 || position > (int)(sizeof(ctr_pack) / sizeof(ctr_pack[0])))
        return 0.0;
    return ctr_pack[position - 1];
}
