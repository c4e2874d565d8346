// zlib (Debian zlib1g-dev), to keep imported score files compressed in the workspace.
#include <zlib.h>
