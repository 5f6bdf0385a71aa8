#include <stdio.h>
#include <string.h>
#include "mingbai/core.h"
int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--version"))
        printf("mingbai %s\n", MB_VERSION);
    return 0;
}
