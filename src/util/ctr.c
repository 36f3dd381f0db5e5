/* ctr.c - the organic CTR curve (numbers and source in include/ctr.h). */
#include "ctr.h"

static const double ctr_top10[10] = {
    0.276, 0.158, 0.110, 0.084, 0.063, 0.049, 0.039, 0.033, 0.027, 0.024,
};

double ctr_at(int position)
{
    if (position < 1 || position > 100)
        return 0.0;
    if (position <= 10)
        return ctr_top10[position - 1];
    if (position <= 20) /* 1.0 % at 11 down to 0.5 % at 20 */
        return 0.010 - (position - 11) * (0.005 / 9.0);
    if (position <= 30)
        return 0.003;
    return 0.001;
}

double ctr_visibility(int position)
{
    return ctr_at(position) / ctr_top10[0];
}
