// The C library's character widths — the table ncurses measures with — for code that
// lays out text without a terminal (documents), so that it needs no curses.
#ifndef IIPEVAL_CWIDTH_SHIM_H
#define IIPEVAL_CWIDTH_SHIM_H

#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include <locale.h>
#include <wchar.h>

/// The C library's column width of one character, as ncurses measures it.
static inline int iip_wcwidth(wchar_t c) { return wcwidth(c); }

#endif
