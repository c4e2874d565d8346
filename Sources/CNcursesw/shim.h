// The wide-character ncurses API, with static inline wrappers for the macros and variadic
// functions Swift cannot call directly.
#ifndef IIPEVAL_CNCURSESW_SHIM_H
#define IIPEVAL_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <ncursesw/curses.h>
#include <locale.h>
#include <wchar.h>

static inline int iip_lines(void) { return LINES; }
static inline int iip_cols(void) { return COLS; }
static inline int iip_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int iip_attr_bold(void) { return (int)A_BOLD; }
static inline int iip_attr_reverse(void) { return (int)A_REVERSE; }
static inline int iip_attr_dim(void) { return (int)A_DIM; }
static inline int iip_attr_underline(void) { return (int)A_UNDERLINE; }
static inline int iip_key_code_yes(void) { return KEY_CODE_YES; }
static inline int iip_get_wch(wint_t *ch) { return get_wch(ch); }
static inline int iip_attrset(int attrs) { return attrset(attrs); }
static inline int iip_mvaddnwstr(int y, int x, const wchar_t *s, int n) { return mvaddnwstr(y, x, s, n); }
static inline WINDOW *iip_stdscr(void) { return stdscr; }

#endif
