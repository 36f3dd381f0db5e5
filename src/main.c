/* main.c - placeholder until the dispatch table lands. */
int main(void)
{
    return 0;
}
