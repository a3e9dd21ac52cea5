/* placeholder until implemented */
#include "config.h"
